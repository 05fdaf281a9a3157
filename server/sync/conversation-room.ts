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
        this.send(connection, encodeSyncStep2(this.doc, message.stateVector));
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
    this.persistence?.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onDocumentUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === loadOrigin) return;
    const message = encodeUpdateMessage(update);
    const except = this.isConnection(origin) ? origin : undefined;
    this.countSent(this.broadcaster.broadcast(this.connections, message, except), message.byteLength);
    this.persistence.record(update);
  }

  private onAwarenessUpdate(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    if (this.isConnection(origin)) {
      for (const id of changes.added) origin.awarenessClientIds.add(id);
      for (const id of changes.updated) origin.awarenessClientIds.add(id);
      for (const id of changes.removed) origin.awarenessClientIds.delete(id);
    }
    const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    // Everyone, the sender included: a lone client's own renewals keep its connection alive.
    this.countSent(this.broadcaster.broadcast(this.connections, message), message.byteLength);
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
