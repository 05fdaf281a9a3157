import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { readSessionUserId } from '../../lib/auth/session-token';
import { subscribeToDomainEvents, type DomainEvent } from '../../lib/events/domain-events';
import { CLIENT_ADDRESS_HEADER } from '../../lib/http/client-address';
import { limits, type SyncLimits } from '../../lib/limits';
import type { DocumentStore } from '../../lib/sync/document-store';
import { PostgresDocumentStore } from '../../lib/sync/postgres-document-store';
import { UpdateLogWriter } from '../../lib/sync/update-log-writer';
import { refuseUpgrade } from '../upgrade-router';
import { PostgresClientBindingStore, type ClientBindingStore } from '../../lib/sync/client-binding-store';
import { registerLiveDocuments } from '../../lib/sync/live-documents';
import { PostgresVersionStore, type VersionStore } from '../../lib/versions/version-store';
import type { Writer } from './annotation-rules';
import { ConnectionRateLimiter } from './connection-rate-limiter';
import { ConversationAccessChecker } from './conversation-access';
import type { ConversationRoom } from './conversation-room';
import { LocalRoomBroadcaster, type RoomBroadcaster } from './room-broadcaster';
import { LiveRoomDocuments } from './live-room-documents';
import { MessageThrottle } from './message-throttle';
import { DocumentMissingError, RoomRegistry } from './room-registry';
import { closeCodes, KEEP_ALIVE_SLOTS, SyncConnection } from './sync-connection';
import { SyncMetrics } from './sync-metrics';

export interface SyncServerOptions {
  pool: pg.Pool;
  log: Logger;
  store?: DocumentStore;
  broadcaster?: RoomBroadcaster;
  /** The origins browsers may open connections from; requests without an Origin (non-browsers) pass. */
  allowedOrigins?: (request: IncomingMessage) => string[];
  settings?: Partial<SyncLimits>;
  versionStore?: VersionStore;
  bindingStore?: ClientBindingStore;
  /** How often a version is kept while a document is edited (tests shorten it). */
  versionEveryMs?: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The live-sync engine: `/yjs/<conversationId>` speaking the y-websocket protocol. Each
 * connection goes through authorization (before the upgrade completes), document loading,
 * the message loop in its room, and teardown.
 */
export class SyncServer {
  readonly metrics = new SyncMetrics();
  private readonly settings: SyncLimits;
  private readonly store: DocumentStore;
  private readonly writer: UpdateLogWriter;
  private readonly registry: RoomRegistry;
  private readonly access: ConversationAccessChecker;
  private readonly rateLimiter: ConnectionRateLimiter;
  private readonly sockets: WebSocketServer;
  private readonly keepAlive: NodeJS.Timeout;
  private keepAliveTick = 0;
  private readonly unsubscribe: () => void;
  private readonly versionStore: VersionStore;
  private readonly unregisterLiveDocuments: () => void;
  private shuttingDown = false;
  /** Counts access changes, so an opening connection knows whether its access check is stale. */
  private accessEpoch = 0;

  constructor(private readonly options: SyncServerOptions) {
    this.settings = { ...limits.sync, ...options.settings };
    this.store = options.store ?? new PostgresDocumentStore(options.pool);
    this.writer = new UpdateLogWriter(this.store, {
      maxBatchUpdates: this.settings.maxBatchUpdates,
      initialRetryDelayMs: this.settings.retryDelayMs.initial,
      maxRetryDelayMs: this.settings.retryDelayMs.max,
      onWritten: (lastSequences, counts) => this.onLogWritten(lastSequences, counts),
      onWriteTimed: (seconds, updates) => {
        this.metrics.persistSeconds.observe(seconds);
        this.metrics.persistedUpdates.inc(updates);
        this.metrics.unwrittenUpdates.set(this.writer.pendingCount);
      },
      onWriteFailed: (error, pending) => {
        this.metrics.errors.inc({ kind: 'persist' });
        this.metrics.unwrittenUpdates.set(pending);
        options.log.warn({ err: error, pending }, 'could not write the update log; keeping updates in memory and retrying');
      },
    });
    this.versionStore = options.versionStore ?? new PostgresVersionStore(options.pool);
    this.registry = new RoomRegistry(
      this.store,
      this.writer,
      options.broadcaster ?? new LocalRoomBroadcaster(),
      this.metrics,
      options.log,
      {
        unloadAfterMs: this.settings.unloadAfterMs,
        compactAfterLogRows: this.settings.compactAfterLogRows,
        compactAfterIdleMs: this.settings.compactAfterIdleMs,
        versionEveryMs: options.versionEveryMs ?? limits.versions.everyMs,
        largeDeletionFraction: limits.versions.largeDeletionFraction,
        compactionRetryDelayMs: this.settings.compactionRetryDelayMs,
      },
      {
        versionStore: this.versionStore,
        bindingStore: options.bindingStore ?? new PostgresClientBindingStore(options.pool),
        roomSettings: this.settings,
      },
    );
    this.unregisterLiveDocuments = registerLiveDocuments(new LiveRoomDocuments(options.pool, this.registry, this.versionStore));
    this.access = new ConversationAccessChecker(options.pool);
    this.rateLimiter = new ConnectionRateLimiter(this.settings.newConnectionsPerAddress);
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: this.settings.maxMessageBytes, perMessageDeflate: false });
    this.keepAlive = setInterval(() => this.pingSlice(), this.settings.keepAliveIntervalMs / KEEP_ALIVE_SLOTS);
    this.keepAlive.unref();
    this.unsubscribe = subscribeToDomainEvents((event) => void this.onDomainEvent(event));
  }

  /** The `upgrade` handler for `/yjs/*`. Refusals are plain HTTP answers: no document byte is sent. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string, reason: string) => {
      this.metrics.refusedConnections.inc({ reason });
      refuseUpgrade(socket, status, text);
    };
    if (this.shuttingDown) return refuse(503, 'Service Unavailable', 'shutting_down');
    const conversationId = new URL(request.url ?? '/', 'http://localhost').pathname.split('/')[2] ?? '';
    if (!uuidPattern.test(conversationId)) return refuse(404, 'Not Found', 'not_found');
    const origin = request.headers.origin;
    if (origin && this.options.allowedOrigins && !this.options.allowedOrigins(request).includes(origin)) return refuse(403, 'Forbidden', 'origin');
    const address = String(request.headers[CLIENT_ADDRESS_HEADER] ?? request.socket.remoteAddress ?? 'unknown');
    if (!this.rateLimiter.tryTake(address)) return refuse(429, 'Too Many Requests', 'rate_limited');

    const userId = await readSessionUserId(request.headers.cookie);
    if (!userId) return refuse(401, 'Unauthorized', 'unauthenticated');
    let room: ConversationRoom;
    let canEdit: boolean;
    let readOnlyReason: string;
    let writer: Writer;
    try {
      const epoch = this.accessEpoch;
      let access = await this.access.check(userId, conversationId);
      if (!access.granted) return refuse(404, 'Not Found', 'not_found');
      room = await this.registry.acquire(conversationId, access.classId);
      // An access change (removal, lock, deletion…) made while this connection was opening
      // would not reach it: decide again, right before it is attached.
      if (this.accessEpoch !== epoch) {
        access = await this.access.check(userId, conversationId);
        if (!access.granted) {
          this.registry.release(room);
          return refuse(404, 'Not Found', 'not_found');
        }
      }
      canEdit = access.canEdit;
      readOnlyReason = access.readOnlyReason;
      writer = { userId, name: access.authorName, isInstructor: access.role === 'instructor' };
    } catch (error) {
      if (error instanceof DocumentMissingError) return refuse(404, 'Not Found', 'not_found');
      this.metrics.errors.inc({ kind: 'load' });
      this.options.log.error({ err: error, conversationId }, 'could not open a conversation for live sync');
      return refuse(503, 'Service Unavailable', 'load_failed');
    }
    if (socket.destroyed) {
      this.registry.release(room);
      return;
    }

    this.sockets.handleUpgrade(request, socket, head, (ws) => this.accept(ws, room, writer, canEdit, readOnlyReason));
  }

  /** Closes every connection, writes and compacts every document. Returns documents that could not be saved. */
  async shutdown(timeoutMs = 10_000): Promise<string[]> {
    this.shuttingDown = true;
    // No more rooms loaded for the HTTP side from here: they would never be stored.
    this.unregisterLiveDocuments();
    clearInterval(this.keepAlive);
    this.unsubscribe();
    for (const room of this.registry.rooms()) {
      for (const connection of room.connections) connection.close(closeCodes.restarting, 'The server is restarting; reconnecting shortly.');
    }
    const failed = await this.registry.persistAll(Date.now() + timeoutMs);
    this.writer.stop();
    this.sockets.close();
    return failed;
  }

  /** For tests: resolves once every update received so far is in the log. */
  whenWritten(): Promise<void> {
    return this.writer.whenIdle();
  }

  /** For tests and operators: retry log writes now (after the database is back). */
  retryWritesNow(): void {
    this.writer.retryNow();
  }

  /** For tests: the open room of a conversation. */
  openRoom(conversationId: string): ConversationRoom | undefined {
    return this.registry.room(conversationId);
  }

  private accept(ws: WebSocket, room: ConversationRoom, writer: Writer, canEdit: boolean, readOnlyReason: string): void {
    const connection = new SyncConnection(ws, writer, canEdit);
    connection.maxUnreadBytes = this.settings.maxUnreadBytesPerConnection;
    let own = 0;
    for (const other of room.connections) if (other.userId === writer.userId) own++;
    if (own >= this.settings.maxConnectionsPerUserPerDocument) {
      this.metrics.refusedConnections.inc({ reason: 'too_many_for_user' });
      connection.close(closeCodes.tooManyConnections, `You already have ${own} connections to this conversation; close a tab and try again.`);
      this.registry.release(room);
      return;
    }
    // An instructor is let in past the cap (bounded by their own per-person cap): a room full
    // of students never locks out whoever teaches it.
    if (room.connections.size >= this.settings.maxConnectionsPerDocument && !writer.isInstructor) {
      this.metrics.refusedConnections.inc({ reason: 'document_full' });
      connection.close(closeCodes.full, `This conversation already has ${this.settings.maxConnectionsPerDocument} connections; try again later.`);
      this.registry.release(room);
      return;
    }
    this.metrics.connections.inc();
    ws.on('pong', () => (connection.alive = true));
    const handle = (data: Buffer, isBinary: boolean) => {
      // Closing (access revoked, conversation deleted, shutdown): nothing more it sends lands.
      if (!connection.isOpen) return;
      if (!isBinary) {
        connection.close(closeCodes.malformed, 'Messages must be binary.');
        return;
      }
      let result;
      const started = performance.now();
      try {
        result = room.receive(connection, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        // Nothing a client sends may take the server down: whatever slipped past, closes only it.
        this.metrics.errors.inc({ kind: 'receive' });
        result = { close: { code: closeCodes.malformed, reason: 'Unreadable message.', problem: error instanceof Error ? error.message : 'receive failed' } };
      }
      throttle.charge(performance.now() - started);
      if (result.close) {
        this.options.log.warn({ conversationId: room.documentId, code: result.close.code, problem: result.close.problem }, 'closing a connection');
        connection.close(result.close.code, result.close.reason);
      }
    };
    // Every message passes the connection's rates first (`MessageThrottle`).
    const throttle = new MessageThrottle(
      this.settings,
      {
        deliver: handle,
        pause: () => ws.pause(),
        resume: () => ws.resume(),
        overflow: () => {
          this.metrics.throttled.inc({ reason: 'flood' });
          this.options.log.warn({ conversationId: room.documentId, code: closeCodes.tooManyMessages }, 'closing a connection that sent far past its rate');
          connection.close(closeCodes.tooManyMessages, 'Too many messages at once; slow down.');
          // Read on, so its answer to the close is seen; nothing it sent meanwhile is handled.
          ws.resume();
        },
      },
      () => this.metrics.throttled.inc({ reason: 'messages' }),
    );
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (connection.isOpen) throttle.receive(data, isBinary);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      throttle.stop();
      if (connection.cutOff) this.metrics.throttled.inc({ reason: 'unread' });
      this.metrics.connections.dec();
      room.detach(connection);
      this.registry.release(room);
    });
    room.attach(connection, canEdit ? undefined : readOnlyReason);
  }

  private onLogWritten(lastSequences: Map<string, bigint>, counts: Map<string, number>): void {
    for (const [documentId, sequence] of lastSequences) {
      this.registry.room(documentId)?.persistence.written(sequence, counts.get(documentId) ?? 0);
    }
    this.metrics.unwrittenUpdates.set(this.writer.pendingCount);
    this.registry.updateGauges();
  }

  /**
   * Keep-alive: each tick pings one slice of the connections, so that every connection is
   * pinged once per interval without thousands of pings (and their pongs) in one burst. A
   * connection that did not answer its previous ping is dropped.
   */
  private pingSlice(): void {
    const slot = this.keepAliveTick++ % KEEP_ALIVE_SLOTS;
    for (const room of this.registry.rooms()) {
      for (const connection of room.connections) {
        if (connection.pingSlot !== slot) continue;
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }
  }

  /** Access changes made elsewhere in the process reach open connections here, within a second. */
  private async onDomainEvent(event: DomainEvent): Promise<void> {
    this.accessEpoch++;
    try {
      if (event.type === 'conversation.deleted') {
        const room = this.registry.room(event.conversationId);
        if (!room) return;
        // It is in the trash, not gone: as its connections close, the room is stored and
        // unloaded like any other, so a restore brings back every edit.
        for (const connection of room.connections) connection.close(closeCodes.gone, 'This conversation was moved to the class’s trash.');
        return;
      }
      const affected: Array<{ room: ConversationRoom; connection: SyncConnection }> = [];
      for (const room of this.registry.rooms()) {
        const roomMatches = event.type === 'conversation.locked-changed' ? room.documentId === event.conversationId : room.classId === event.classId;
        if (!roomMatches) continue;
        for (const connection of room.connections) {
          if ((event.type === 'membership.removed' || event.type === 'membership.role-changed') && connection.userId !== event.userId) continue;
          affected.push({ room, connection });
        }
      }
      for (const { room, connection } of affected) {
        const access = await this.access.check(connection.userId, room.documentId);
        if (!access.granted) {
          connection.close(closeCodes.forbidden, 'You no longer have access to this conversation.');
          continue;
        }
        connection.writer = { userId: connection.userId, name: access.authorName, isInstructor: access.role === 'instructor' };
        room.setCanEdit(connection, access.canEdit, access.readOnlyReason);
      }
    } catch (error) {
      this.options.log.error({ err: error, event: event.type }, 'could not apply an access change to open connections');
    }
  }
}
