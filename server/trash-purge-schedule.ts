import type { Logger } from 'pino';

export interface TrashPurgeSchedule {
  /** Stops the timer and waits for a purge under way to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `purge` now and then every `intervalMs`, never two at once. The timer is unref'd (it
 * never keeps the process alive); a failed purge is one log line and is tried at the next tick.
 */
export function scheduleTrashPurge(purge: () => Promise<number>, options: { intervalMs: number; log: Logger }): TrashPurgeSchedule {
  let running: Promise<void> | undefined;
  const runOnce = () => {
    running ??= purge()
      .then((removed) => {
        if (removed > 0) options.log.info({ removed }, 'removed conversations from the trash for good');
      })
      .catch((error: unknown) => options.log.error({ err: error }, 'could not purge the trash; will try again'))
      .finally(() => (running = undefined));
    return running;
  };
  void runOnce();
  const timer = setInterval(() => void runOnce(), options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
