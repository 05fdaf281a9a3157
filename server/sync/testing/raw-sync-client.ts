import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { decodePermissionMessage, type Permission } from '@/lib/sync/permission-messages';
import { encodeSyncStep1, encodeSyncStep2FromUpdate, encodeUpdateMessage, messageType, syncType } from '@/server/sync/sync-messages';
import { sessionCookie } from './sync-harness';

/**
 * A hand-made live-sync client (a `ws` socket and a `Y.Doc`), as a curious student with a
 * modified client would write one: it syncs like the stock client, then sends whatever
 * update it is told to, bypassing every check a page makes.
 */
export class RawSyncClient {
  readonly doc: Y.Doc;
  /** Resolves with the close code and reason once the server closes the socket. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the server's document has arrived. */
  readonly synced: Promise<void>;
  /** The permission messages the server sent, in order (the last is the current permission). */
  readonly permissions: Permission[] = [];

  private constructor(
    private readonly socket: WebSocket,
    doc: Y.Doc,
  ) {
    this.doc = doc;
    let markSynced!: () => void;
    this.synced = new Promise((resolve) => (markSynced = resolve));
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data: Buffer) => {
      const permission = decodePermissionMessage(new Uint8Array(data));
      if (permission) this.permissions.push(permission);
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== messageType.sync) return;
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === syncType.step1) {
        socket.send(encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(this.doc, payload)));
      } else {
        Y.applyUpdate(this.doc, payload, 'server');
        if (subtype === syncType.step2) markSynced();
      }
    });
  }

  /** `doc`: reconnect with a document kept from an earlier connection (its step 2 sends what the server lacks). */
  static async open(base: string, conversationId: string, userId: string, options: { clientId?: number; doc?: Y.Doc } = {}): Promise<RawSyncClient> {
    const socket = new WebSocket(`${base}/${conversationId}`, { headers: { cookie: await sessionCookie(userId) } });
    const client = new RawSyncClient(socket, options.doc ?? new Y.Doc());
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        socket.send(encodeSyncStep1(client.doc));
        resolve();
      });
      socket.once('error', reject);
    });
    await client.synced;
    // Set after syncing: Yjs itself would pick another id on seeing its own in what arrives.
    if (options.clientId !== undefined) client.doc.clientID = options.clientId;
    return client;
  }

  /** Makes a change locally and sends exactly the update it produced. Returns that update. */
  change(make: (doc: Y.Doc) => void): Uint8Array {
    let produced: Uint8Array | null = null;
    const capture = (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') produced = produced ? Y.mergeUpdates([produced, update]) : update;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => make(this.doc), 'local');
    } finally {
      this.doc.off('update', capture);
    }
    if (!produced) throw new Error('the change produced no update');
    this.send(produced);
    return produced;
  }

  /** Sends any y-websocket message as it is (a presence update, say). */
  sendMessage(message: Uint8Array): void {
    this.socket.send(message);
  }

  /** Sends an update as it is. */
  send(update: Uint8Array): void {
    this.socket.send(encodeUpdateMessage(update));
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  destroy(): void {
    this.socket.terminate();
    this.doc.destroy();
  }
}
