import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentPersistence } from './document-persistence';
import type { RoomBroadcaster } from './room-broadcaster';
import type { SyncConnection } from './sync-connection';
import {
  decodeIncomingMessage,
  encodeAwarenessMessage,
  encodeReadOnlyNotice,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdateMessage,
  MalformedMessageError,
} from './sync-messages';
import type { SyncMetrics } from './sync-metrics';

/** Marks the transactions that replay stored state, so they are not written back. */
export const loadOrigin = Symbol('load');

export interface RoomReceiveResult {
  /** Set when the connection sent something unreadable and must be closed. */
  malformed?: string;
}

/**
 * One open conversation: its Yjs document, who is in it and their presence. Updates from a
 * connection are applied to the document, sent to everyone else at once, and recorded for
 * the log; a read-only connection's changes are dropped, whichever message carries them.
 */
export class ConversationRoom {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<SyncConnection>();
  persistence!: DocumentPersistence;
  /** Updates and presence changes of this event-loop turn, sent together (see `flushOutgoing`). */
  private pendingUpdates: Array<{ update: Uint8Array; origin: SyncConnection | undefined }> = [];
  private pendingAwareness = new Set<number>();
  private flushScheduled: NodeJS.Immediate | undefined;
  /**
   * The stored state as loaded, while the document has not changed since: exactly what
   * `Y.encodeStateAsUpdate` would give, so a newcomer who has nothing gets these bytes
   * without the cost of encoding a large document again.
   */
  private pristineState: Uint8Array | null = null;

  constructor(
    readonly documentId: string,
    readonly classId: string,
    private readonly broadcaster: RoomBroadcaster,
    private readonly metrics: SyncMetrics,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(update, origin));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(changes, origin),
    );
  }

  /** Replays the stored state and log (before anyone is attached). */
  applyStored(state: Uint8Array | null, updates: Uint8Array[]): void {
    this.pristineState = state && updates.length === 0 ? state : null;
    Y.transact(
      this.doc,
      () => {
        if (state) Y.applyUpdate(this.doc, state, loadOrigin);
        for (const update of updates) Y.applyUpdate(this.doc, update, loadOrigin);
      },
      loadOrigin,
    );
  }

  /** A new connection: it gets our state vector (so it sends what we lack) and everyone's presence. */
  attach(connection: SyncConnection, readOnlyReason?: string): void {
    this.connections.add(connection);
    this.send(connection, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(connection, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    if (readOnlyReason) this.send(connection, encodeReadOnlyNotice(readOnlyReason));
  }

  /** A connection left: its presence goes with it. */
  detach(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.awarenessClientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], connection);
    }
  }

  receive(connection: SyncConnection, data: Uint8Array): RoomReceiveResult {
    this.metrics.bytesReceived.inc(data.byteLength);
    let message;
    try {
      message = decodeIncomingMessage(data);
    } catch (error) {
      this.metrics.errors.inc({ kind: 'malformed_message' });
      return { malformed: error instanceof MalformedMessageError ? error.message : 'unreadable message' };
    }
    this.metrics.messagesReceived.inc({ kind: message.kind });
    switch (message.kind) {
      case 'sync-step-1':
        if (this.pristineState && Y.decodeStateVector(message.stateVector).size === 0) {
          this.send(connection, encodeSyncStep2FromUpdate(this.pristineState));
        } else {
          this.send(connection, encodeSyncStep2(this.doc, message.stateVector));
        }
        return {};
      case 'sync-step-2':
      case 'sync-update':
        if (!connection.canEdit) {
          this.metrics.droppedReadOnlyUpdates.inc();
          return {};
        }
        try {
          Y.applyUpdate(this.doc, message.update, connection);
        } catch (error) {
          this.metrics.errors.inc({ kind: 'invalid_update' });
          return { malformed: error instanceof Error ? `update did not apply: ${error.message}` : 'update did not apply' };
        }
        return {};
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        } catch {
          this.metrics.errors.inc({ kind: 'malformed_message' });
          return { malformed: 'unreadable presence update' };
        }
        return {};
      case 'query-awareness': {
        const states = [...this.awareness.getStates().keys()];
        this.send(connection, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
        return {};
      }
      case 'auth':
        return {};
    }
  }

  /** Tells a connection it is now read-only (or writable again). */
  setCanEdit(connection: SyncConnection, canEdit: boolean, readOnlyReason: string): void {
    if (connection.canEdit === canEdit) return;
    connection.canEdit = canEdit;
    if (!canEdit) this.send(connection, encodeReadOnlyNotice(readOnlyReason));
  }

  destroy(): void {
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    this.persistence?.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onDocumentUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === loadOrigin) return;
    this.pristineState = null;
    // Durability first and at once; the fan-out waits for the end of this event-loop turn.
    this.persistence.record(update);
    this.pendingUpdates.push({ update, origin: this.isConnection(origin) ? origin : undefined });
    this.scheduleFlush();
  }

  private onAwarenessUpdate(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    if (this.isConnection(origin)) {
      for (const id of changes.added) origin.awarenessClientIds.add(id);
      for (const id of changes.updated) origin.awarenessClientIds.add(id);
      for (const id of changes.removed) origin.awarenessClientIds.delete(id);
    }
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) this.pendingAwareness.add(id);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    this.flushScheduled ??= setImmediate(() => this.flushOutgoing());
  }

  /**
   * Sends what this event-loop turn produced, batched: when 300 people renew their presence
   * at once, or many type into one document, each connection gets one message per turn
   * instead of one per change (the fan-out is the cost that grows with the room). A lone
   * update goes to everyone but its sender; several are merged into one that goes to all
   * (a sender receiving its own change back is a no-op in Yjs). Presence goes to everyone,
   * the sender included: a lone client's own renewals keep its connection alive.
   */
  private flushOutgoing(): void {
    this.flushScheduled = undefined;
    const updates = this.pendingUpdates;
    this.pendingUpdates = [];
    if (updates.length === 1) {
      const [only] = updates;
      const message = encodeUpdateMessage(only!.update);
      this.countSent(this.broadcaster.broadcast(this.connections, message, only!.origin), message.byteLength);
    } else if (updates.length > 1) {
      const message = encodeUpdateMessage(Y.mergeUpdates(updates.map((entry) => entry.update)));
      this.countSent(this.broadcaster.broadcast(this.connections, message), message.byteLength);
    }
    if (this.pendingAwareness.size > 0) {
      const changed = [...this.pendingAwareness];
      this.pendingAwareness.clear();
      const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.countSent(this.broadcaster.broadcast(this.connections, message), message.byteLength);
    }
  }

  private isConnection(origin: unknown): origin is SyncConnection {
    return typeof origin === 'object' && origin !== null && this.connections.has(origin as SyncConnection);
  }

  private send(connection: SyncConnection, message: Uint8Array): void {
    if (connection.send(message)) this.countSent(1, message.byteLength);
  }

  private countSent(messages: number, bytes: number): void {
    if (messages === 0) return;
    this.metrics.messagesSent.inc(messages);
    this.metrics.bytesSent.inc(messages * bytes);
  }
}
