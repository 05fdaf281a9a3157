'use client';

import { connectionStatusLine } from './connection-status-line';
import type { ConnectionState } from './use-live-document';

interface ConnectionStatusProps {
  state: ConnectionState;
  /** Syncing stopped for good (the live document's `closedReason` is set): says "Disconnected", never "Reconnecting". */
  closed?: boolean;
  /** Why the server sent this page away for now: replaces the usual detail. */
  waitingReason?: string | null;
  /**
   * Whether every change made here has reached the server, as `data-saved` (for tests and
   * styles): not in words, which would announce themselves at every pause in typing.
   */
  saved?: boolean;
  /** While unable to edit, what to say instead of "saved as you type" or "keep typing" (e.g. that the work is submitted). */
  readOnlyDetail?: string | null;
}

/** The connection's state, and while connected that typing is saved (or why nothing can be typed). */
export function ConnectionStatus({ state, closed = false, waitingReason, saved = true, readOnlyDetail }: ConnectionStatusProps) {
  const line = connectionStatusLine({ state, closed, waitingReason, readOnlyDetail });
  return (
    <p className={`connection-status connection-${line.state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={line.state} data-saved={saved}>
      <span className="connection-dot" aria-hidden="true" />
      <strong>{line.text}</strong>
      {line.detail && <span className="muted"> {line.detail}</span>}
    </p>
  );
}
