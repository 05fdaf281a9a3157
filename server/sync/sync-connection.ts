import type { WebSocket } from 'ws';
import { limits } from '@/lib/limits';
import type { Writer } from './annotation-rules';
import type { DecodedUpdate } from './update-placement';

/** Close codes live in one module shared with the page (what each means, what the page does). */
export { closeCodes } from '@/lib/sync/close-codes';

/** The keep-alive interval is cut into this many slices; each connection is pinged in one. */
export const KEEP_ALIVE_SLOTS = 30;

/** Someone connected to a conversation: who, whether they may change it, and their presence. */
export class SyncConnection {
  /** The awareness client ids this connection has announced, to remove when it goes. */
  readonly awarenessClientIds = new Set<number>();
  /** Whether it sent an edit since its session was last checked (an edit keeps the session from idling out). */
  editedSinceSessionCheck = false;
  /** Whether it answered the last keep-alive ping. */
  alive = true;
  /** Which slice of the keep-alive interval pings it, so pings are spread out, not sent in one burst. */
  readonly pingSlot = Math.floor(Math.random() * KEEP_ALIVE_SLOTS);
  /** Updates that build on something the server does not have yet, oldest first (see `ConversationRoom`). */
  readonly heldUpdates: Array<{ update: Uint8Array; decoded: DecodedUpdate }> = [];
  heldBytes = 0;

  constructor(
    readonly socket: WebSocket,
    /** Who is connected, and the name and role their annotations are checked against (a role change updates it). */
    public writer: Writer,
    public canEdit: boolean,
  ) {}

  /** Whether it may change the text too, not only annotate (`editPermission`: not a student's, while annotate-only). */
  mayChangeText = true;

  get userId(): string {
    return this.writer.userId;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Bytes it may leave unread before it is cut off (`maxUnreadBytesPerConnection`). */
  maxUnreadBytes: number = limits.sync.maxUnreadBytesPerConnection;
  /** Set when it was cut off for not reading what it was sent. */
  cutOff = false;

  send(message: Uint8Array): boolean {
    if (!this.isOpen) return false;
    if (this.socket.bufferedAmount > this.maxUnreadBytes) {
      this.cutOff = true;
      this.socket.terminate();
      return false;
    }
    this.socket.send(message, { binary: true });
    return true;
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.CLOSED || this.socket.readyState === this.socket.CLOSING) return;
    // A close frame's reason holds at most 123 bytes.
    this.socket.close(code, Buffer.byteLength(reason) > 123 ? reason.slice(0, 60) : reason);
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => this.socket.terminate(), limits.sync.closeHandshakeTimeoutMs).unref();
  }
}
