'use client';

import type { ConnectionState } from './use-live-document';

const labels: Record<ConnectionState, { text: string; detail: string }> = {
  connecting: { text: 'Connecting…', detail: '' },
  connected: { text: 'Connected', detail: 'Changes are saved as you type.' },
  reconnecting: { text: 'Reconnecting…', detail: 'Keep typing: your changes are kept and will sync when the connection is back.' },
  offline: { text: 'Offline', detail: 'Keep typing: your changes are kept in this browser and will sync when you are back online.' },
};

export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const label = labels[state];
  return (
    <p className={`connection-status connection-${state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      <strong>{label.text}</strong>
      {label.detail && <span className="muted"> {label.detail}</span>}
    </p>
  );
}
