/**
 * How long after the first shutdown signal another one still counts as the same request.
 * `kill -TERM -<pgid>` (systemd's default, most supervisors, Playwright) reaches npm, a
 * loader such as tsx, and this process at once, and npm and tsx relay what they got: this
 * process sees two or three signals within a few milliseconds. A person pressing Ctrl-C a
 * second time because the first seems stuck does so well after a second.
 */
export const relayedSignalWindowMs = 1_000;

export interface ShutdownSignalHandlers {
  /** The first SIGTERM or SIGINT: stop in order. */
  shutdown(signal: NodeJS.Signals): void;
  /** A later, deliberate one, after the window: stop now. */
  force(signal: NodeJS.Signals): void;
  /** A signal within the window of the first: the same request, relayed. */
  relayed?(signal: NodeJS.Signals): void;
}

/**
 * Listens for SIGTERM and SIGINT. Signals that arrive together count as one; only one that
 * comes `windowMs` or more after the first forces. Returns a function that stops listening.
 */
export function handleShutdownSignals(handlers: ShutdownSignalHandlers, options: { windowMs?: number; now?: () => number } = {}): () => void {
  const windowMs = options.windowMs ?? relayedSignalWindowMs;
  const now = options.now ?? (() => performance.now());
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt === undefined) {
      firstAt = now();
      handlers.shutdown(signal);
    } else if (now() - firstAt < windowMs) {
      handlers.relayed?.(signal);
    } else {
      handlers.force(signal);
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
