import type { ConnectionState } from './use-live-document';

/** What the status line shows: the connection's state, or `closed` once syncing stopped for good. */
export type ShownConnectionState = ConnectionState | 'closed';

export interface ConnectionStatusInput {
  state: ConnectionState;
  /** Syncing stopped for good (removed from the class, deleted, signed out): the page will not reconnect. */
  closed: boolean;
  /** Why the server sent this page away for now (it keeps trying). */
  waitingReason?: string | null;
  /** Set while nothing can be typed here: what to say instead of "saved as you type" or "keep typing". */
  readOnlyDetail?: string | null;
}

export interface ConnectionStatusLine {
  state: ShownConnectionState;
  text: string;
  detail: string;
}

const editingDetail: Record<ConnectionState, string> = {
  connecting: '',
  connected: 'Changes are saved as you type.',
  reconnecting: 'Keep typing: your changes are kept and will sync when the connection is back.',
  offline: 'Keep typing: your changes are kept in this browser and will sync when you are back online.',
};

const stateText: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/**
 * The status line's words. A page whose connection was closed for access says it is
 * disconnected for good (never "Reconnecting"); a read-only page never promises that typing
 * is saved or kept, whatever the connection is doing.
 */
export function connectionStatusLine({ state, closed, waitingReason, readOnlyDetail }: ConnectionStatusInput): ConnectionStatusLine {
  if (closed) return { state: 'closed', text: 'Disconnected', detail: 'This page no longer syncs.' };
  const readOnly = readOnlyDetail !== null && readOnlyDetail !== undefined;
  if (state === 'connected') return { state, text: stateText[state], detail: readOnly ? readOnlyDetail : editingDetail[state] };
  const detail = waitingReason || (readOnly ? readOnlyDetail : editingDetail[state]);
  return { state, text: stateText[state], detail };
}
