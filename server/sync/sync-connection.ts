import type { WebSocket } from 'ws';

/** Close codes this server uses (4000–4999 are the application's own). */
export const closeCodes = {
  /** Lost access: removed from the class. */
  forbidden: 4403,
  /** The conversation was deleted. */
  gone: 4404,
  /** A message that could not be read, or an update that would not apply. */
  malformed: 4400,
  /** The document has as many connections as allowed. */
  full: 1013,
  /** The server is shutting down. */
  restarting: 1012,
} as const;

/** The keep-alive interval is cut into this many slices; each connection is pinged in one. */
export const KEEP_ALIVE_SLOTS = 30;

/** Someone connected to a conversation: who, whether they may change it, and their presence. */
export class SyncConnection {
  /** The awareness client ids this connection has announced, to remove when it goes. */
  readonly awarenessClientIds = new Set<number>();
  /** Whether it answered the last keep-alive ping. */
  alive = true;
  /** Which slice of the keep-alive interval pings it, so pings are spread out, not sent in one burst. */
  readonly pingSlot = Math.floor(Math.random() * KEEP_ALIVE_SLOTS);

  constructor(
    readonly socket: WebSocket,
    readonly userId: string,
    public canEdit: boolean,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(message: Uint8Array): boolean {
    if (!this.isOpen) return false;
    this.socket.send(message, { binary: true });
    return true;
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING) return;
    this.socket.close(code, reason);
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => this.socket.terminate(), 5_000).unref();
  }
}
