'use client';

import type { ConnectionState } from './use-live-document';

const labels: Record<ConnectionState, { text: string; detail: string }> = {
  connecting: { text: 'Connecting…', detail: '' },
  connected: { text: 'Connected', detail: 'Changes are saved as you type.' },
  reconnecting: { text: 'Reconnecting…', detail: 'Keep typing: your changes are kept and will sync when the connection is back.' },
  offline: { text: 'Offline', detail: 'Keep typing: your changes are kept in this browser and will sync when you are back online.' },
};

interface ConnectionStatusProps {
  state: ConnectionState;
  /** Why the server sent this page away for now: replaces the usual detail. */
  waitingReason?: string | null;
  /**
   * Whether every change made here has reached the server, as `data-saved` (for tests and
   * styles): not in words, which would announce themselves at every pause in typing.
   */
  saved?: boolean;
  /** While connected but unable to edit, what to say instead of "saved as you type" (e.g. that the work is submitted). */
  readOnlyDetail?: string | null;
}

/** The connection's state, and while connected that typing is saved (or why nothing can be typed). */
export function ConnectionStatus({ state, waitingReason, saved = true, readOnlyDetail }: ConnectionStatusProps) {
  const label = labels[state];
  const detail = state !== 'connected' ? (waitingReason || label.detail) : (readOnlyDetail ?? label.detail);
  return (
    <p className={`connection-status connection-${state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={state} data-saved={saved}>
      <span className="connection-dot" aria-hidden="true" />
      <strong>{label.text}</strong>
      {detail && <span className="muted"> {detail}</span>}
    </p>
  );
}
