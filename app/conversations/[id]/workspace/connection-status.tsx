'use client';

import type { ConnectionState } from './use-live-document';

const labels: Record<ConnectionState, { text: string; detail: string }> = {
  connecting: { text: 'Connecting…', detail: '' },
  connected: { text: 'Connected', detail: 'Changes are saved as you type.' },
  reconnecting: { text: 'Reconnecting…', detail: 'Keep typing: your changes are kept and will sync when the connection is back.' },
  offline: { text: 'Offline', detail: 'Keep typing: your changes are kept in this browser and will sync when you are back online.' },
};

/** The connection's state; `waitingReason` (the server sent this page away for now) replaces the usual detail. */
export function ConnectionStatus({ state, waitingReason }: { state: ConnectionState; waitingReason?: string | null }) {
  const label = labels[state];
  const detail = state !== 'connected' && waitingReason ? waitingReason : label.detail;
  return (
    <p className={`connection-status connection-${state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      <strong>{label.text}</strong>
      {detail && <span className="muted"> {detail}</span>}
    </p>
  );
}
