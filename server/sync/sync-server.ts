import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import type { SessionOfRequest } from '@/lib/auth/session-token';
import { UserSessions } from '@/lib/auth/user-sessions';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { addressKey } from '@/lib/rate-limit/address-key';
import { limits, type SyncLimits } from '@/lib/limits';
import type { DocumentStore } from '@/lib/sync/document-store';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { UpdateLogWriter } from '@/lib/sync/update-log-writer';
import { refuseUpgrade } from '@/server/upgrade-router';
import { PostgresClientBindingStore, type ClientBindingStore } from '@/lib/sync/client-binding-store';
import { registerLiveDocuments } from '@/lib/sync/live-documents';
import { PostgresVersionStore, type VersionStore } from '@/lib/versions/version-store';
import { writerOf, type Writer } from './annotation-rules';
import { AccessDecisions, type Opening } from './access-decisions';
import { ConnectionRateLimiter } from './connection-rate-limiter';
import { ConversationAccessChecker, type ConversationAccess } from './conversation-access';
import type { ConversationRoom } from './conversation-room';
import { LocalRoomBroadcaster, type RoomBroadcasterFactory } from './room-broadcaster';
import { LiveRoomDocuments } from './live-room-documents';
import { MessageThrottle } from './message-throttle';
import { PersonRates } from './person-rates';
import { TurnBudget } from './turn-budget';
import { DocumentMissingError, RoomRegistry } from './room-registry';
import { closeCodes, KEEP_ALIVE_SLOTS, SyncConnection } from './sync-connection';
import { SessionWatch } from './session-watch';
import { SyncMetrics } from './sync-metrics';
import { RedisRelay } from './relay/redis-relay';

export interface SyncServerOptions {
  pool: pg.Pool;
  log: Logger;
  store?: DocumentStore;
  /** The broadcaster of each document's room (a relay between processes); this process's sockets when not given. */
  broadcasterFor?: RoomBroadcasterFactory;
  /** The origins browsers may open connections from; requests without an Origin (non-browsers) pass. */
  allowedOrigins?: (request: IncomingMessage) => string[];
  settings?: Partial<SyncLimits>;
  versionStore?: VersionStore;
  bindingStore?: ClientBindingStore;
  /** How often a version is kept while a document is edited (tests shorten it). */
  versionEveryMs?: number;
  /**
   * Multi-process mode (`REDIS_URL`): rooms relay their updates and presence through this
   * Redis to the other processes that have the same conversation open, and access changes
   * reach every process's connections (docs/sync.md, "Several processes"). Unset: one process.
   */
  redisUrl?: string;
}

/** Whether this engine relays through Redis, and whether that relay is connected now (readiness). */
export type RelayStatus = { mode: 'single' } | { mode: 'redis'; connected: boolean };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An upgrade refused as plain HTTP (no document byte is sent), counted by `reason`. */
class Refusal {
  constructor(
    readonly status: number,
    readonly text: string,
    readonly reason: string,
  ) {}
}

const refusals = {
  shuttingDown: new Refusal(503, 'Service Unavailable', 'shutting_down'),
  notFound: new Refusal(404, 'Not Found', 'not_found'),
  origin: new Refusal(403, 'Forbidden', 'origin'),
  rateLimited: new Refusal(429, 'Too Many Requests', 'rate_limited'),
  unauthenticated: new Refusal(401, 'Unauthorized', 'unauthenticated'),
  loadFailed: new Refusal(503, 'Service Unavailable', 'load_failed'),
  accessChanging: new Refusal(503, 'Service Unavailable', 'access_changing'),
};

/** A connection whose document is loaded and whose access is granted, about to join its room. */
interface Admitted {
  room: ConversationRoom;
  writer: Writer;
  canEdit: boolean;
  canChangeText: boolean;
  readOnlyReason: string;
}

/**
 * The live-sync engine: `/yjs/<conversationId>` speaking the y-websocket protocol. Each
 * connection goes through the steps of `handleUpgrade` (route, authenticate, load, join),
 * then the message loop in its room (`accept`), and teardown. Access decisions are
 * `AccessDecisions`'; sessions, `SessionWatch`'.
 */
export class SyncServer {
  readonly metrics = new SyncMetrics();
  private readonly settings: SyncLimits;
  private readonly store: DocumentStore;
  private readonly writer: UpdateLogWriter;
  private readonly registry: RoomRegistry;
  private readonly decisions: AccessDecisions;
  private readonly sessions: SessionWatch;
  /** New connections per person, taken once the session is read. */
  private readonly newConnections: ConnectionRateLimiter;
  /** Upgrades refused as unauthenticated, per address (`addressKey`): only refusals spend it. */
  private readonly unauthenticatedUpgrades: ConnectionRateLimiter;
  /** Message, byte and time rates of each person's connections together. */
  private readonly personRates: PersonRates;
  /** Sync work in this event-loop turn, across all connections (`TurnBudget`). */
  private readonly turn: TurnBudget;
  private readonly sockets: WebSocketServer;
  private readonly keepAlive: NodeJS.Timeout;
  private keepAliveTick = 0;
  private readonly unsubscribe: () => void;
  private readonly versionStore: VersionStore;
  private readonly unregisterLiveDocuments: () => void;
  private shuttingDown = false;
  /** Multi-process mode only (`redisUrl`). */
  readonly relay: RedisRelay | undefined;

  constructor(private readonly options: SyncServerOptions) {
    this.settings = { ...limits.sync, ...options.settings };
    // Events from other processes are handled like this process's own, and not sent on again.
    this.relay = options.redisUrl
      ? new RedisRelay(
          options.redisUrl,
          this.metrics,
          options.log,
          (event) => this.onDomainEvent(event),
          // Events of other processes may have been lost meanwhile: every open connection's access is decided again.
          () => {
            for (const room of this.registry.rooms()) this.decisions.changed({ type: 'conversation.access-changed', conversationId: room.documentId });
          },
        )
      : undefined;
    this.store = options.store ?? new PostgresDocumentStore(options.pool);
    this.writer = new UpdateLogWriter(this.store, {
      maxBatchUpdates: this.settings.maxBatchUpdates,
      gatherMs: this.settings.logGatherMs,
      companyMs: this.settings.logCompanyMs,
      // One log row per document per write: a window's keystrokes in a busy document are one row.
      mergeUpdates: Y.mergeUpdates,
      initialRetryDelayMs: this.settings.retryDelayMs.initial,
      maxRetryDelayMs: this.settings.retryDelayMs.max,
      // Each document's persistence is told its own writes (`LoggedDocument`); here only the gauge.
      onWritten: () => this.metrics.unwrittenUpdates.set(this.writer.pendingCount),
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
      options.broadcasterFor ?? ((documentId) => new LocalRoomBroadcaster(documentId)),
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
        relay: this.relay,
      },
    );
    const rooms = () => this.registry.rooms();
    this.decisions = new AccessDecisions(new ConversationAccessChecker(options.pool), rooms, this.settings, options.log);
    this.unregisterLiveDocuments = registerLiveDocuments(
      new LiveRoomDocuments(options.pool, this.registry, this.versionStore, (conversationId) => this.decisions.settled(conversationId)),
    );
    this.sessions = new SessionWatch(new UserSessions(options.pool), rooms, this.metrics, options.log);
    this.newConnections = new ConnectionRateLimiter(this.settings.newConnectionsPerPerson);
    this.unauthenticatedUpgrades = new ConnectionRateLimiter(this.settings.unauthenticatedUpgradesPerAddress);
    this.personRates = new PersonRates(this.settings);
    this.turn = new TurnBudget(this.settings.maxWorkPerTurnMs);
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: this.settings.maxMessageBytes, perMessageDeflate: false });
    this.keepAlive = setInterval(() => this.pingSlice(), this.settings.keepAliveIntervalMs / KEEP_ALIVE_SLOTS);
    this.keepAlive.unref();
    this.unsubscribe = subscribeToDomainEvents((event) => {
      this.onDomainEvent(event);
      this.relay?.publishEvent(event);
    });
  }

  /**
   * The `upgrade` handler for `/yjs/*`: route, authenticate, load, join (each step below).
   * Refusals are plain HTTP answers: no document byte is sent.
   */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const conversationId = this.route(request);
    if (conversationId instanceof Refusal) return this.refuse(socket, conversationId);
    const session = await this.authenticate(request);
    if (session instanceof Refusal) return this.refuse(socket, session);
    const admitted = await this.load(session, conversationId, socket);
    if (admitted instanceof Refusal) return this.refuse(socket, admitted);
    if (admitted) this.join(request, socket, head, session.sessionId, admitted);
  }

  private refuse(socket: Duplex, refusal: Refusal): void {
    this.metrics.refusedConnections.inc({ reason: refusal.reason });
    refuseUpgrade(socket, refusal.status, refusal.text);
  }

  /** Route: the conversation an upgrade asks for, unless the server is stopping, the id is no UUID, or the origin is foreign. */
  private route(request: IncomingMessage): string | Refusal {
    if (this.shuttingDown) return refusals.shuttingDown;
    const conversationId = new URL(request.url ?? '/', 'http://localhost').pathname.split('/')[2] ?? '';
    if (!uuidPattern.test(conversationId)) return refusals.notFound;
    const origin = request.headers.origin;
    if (origin && this.options.allowedOrigins && !this.options.allowedOrigins(request).includes(origin)) return refusals.origin;
    return conversationId;
  }

  /** Authenticate: the upgrade's active session, within its person's rate of new connections. */
  private async authenticate(request: IncomingMessage): Promise<SessionOfRequest | Refusal> {
    // The session first: no cookie or a bad one is refused without a query (`readSession`
    // decodes the JWT before it asks the database), so nothing here is spent for an address
    // by upgrades that carry no session; a school's shared address is never blocked by one script.
    const session = await this.sessions.read(request.headers.cookie);
    if (!session) {
      const address = addressKey(String(request.headers[CLIENT_ADDRESS_HEADER] ?? request.socket.remoteAddress ?? 'unknown'));
      if (!this.unauthenticatedUpgrades.tryTake(address)) return refusals.rateLimited;
      return refusals.unauthenticated;
    }
    // New connections per person (a reconnect storm of one person's tabs), before the access check's query.
    if (!this.newConnections.tryTake(session.userId)) return refusals.rateLimited;
    return session;
  }

  /**
   * Load: the first access check, the room (loaded once however many connect), and the access
   * decided again right before joining. Undefined when the socket went away meanwhile.
   */
  private async load(session: SessionOfRequest, conversationId: string, socket: Duplex): Promise<Admitted | Refusal | undefined> {
    const { userId } = session;
    let opening: Opening | undefined;
    let room: ConversationRoom | undefined;
    let access: ConversationAccess | null;
    try {
      const first = await this.decisions.check(userId, conversationId);
      if (!first.granted) return refusals.notFound;
      opening = this.decisions.opening({ userId, conversationId, classId: first.classId });
      room = await this.registry.acquire(conversationId, first.classId);
      access = await this.decisions.decideOpening(opening);
    } catch (error) {
      if (opening) this.decisions.opened(opening);
      if (room) this.registry.release(room);
      if (error instanceof DocumentMissingError) return refusals.notFound;
      this.metrics.errors.inc({ kind: 'load' });
      this.options.log.error({ err: error, conversationId }, 'could not open a conversation for live sync');
      return refusals.loadFailed;
    }
    // From this decision to `room.attach` nothing waits (the upgrade's callback runs at once),
    // so no access change falls between them: a later one finds the connection in its room.
    this.decisions.opened(opening);
    // Signed out while this connection was opening (after its session was read): refused like any signed-out cookie.
    if (this.sessions.signedOutLately(session.sessionId)) {
      this.registry.release(room);
      return refusals.unauthenticated;
    }
    if (!access?.granted || this.shuttingDown || socket.destroyed) {
      this.registry.release(room);
      if (socket.destroyed) return undefined;
      if (this.shuttingDown) return refusals.shuttingDown;
      return access ? refusals.notFound : refusals.accessChanging;
    }
    const writer = writerOf(userId, access);
    return { room, writer, canEdit: access.canEdit, canChangeText: access.canChangeText, readOnlyReason: access.readOnlyReason };
  }

  /** Join: completes the WebSocket handshake and attaches the connection to its room. */
  private join(request: IncomingMessage, socket: Duplex, head: Buffer, sessionId: string, admitted: Admitted): void {
    let accepted = false;
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      accepted = true;
      this.sessions.watch(ws, sessionId);
      this.accept(ws, admitted.room, admitted.writer, admitted);
    });
    // The WebSocket layer refused the handshake itself (a bad header, a closed socket): the room is not kept for it.
    if (!accepted) this.registry.release(admitted.room);
  }

  /**
   * Closes every connection, writes and compacts every document, within `timeoutMs` (the
   * server passes `SHUTDOWN_TIMEOUT_MS`; tests and the bench take its default, 10 s). Returns
   * documents that could not be saved.
   */
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
    await this.relay?.close();
    this.writer.stop();
    this.sockets.close();
    return failed;
  }

  /** Conversations this process has loaded (or is loading or unloading): 0 once every room is unloaded. */
  get openConversations(): number {
    return this.registry.size;
  }

  /** One process, or relaying through Redis and whether connected: for `/readyz` and operators. */
  relayStatus(): RelayStatus {
    return this.relay ? { mode: 'redis', connected: this.relay.connected } : { mode: 'single' };
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

  private accept(ws: WebSocket, room: ConversationRoom, writer: Writer, { canEdit, canChangeText, readOnlyReason }: Admitted): void {
    const connection = new SyncConnection(ws, writer, canEdit);
    connection.mayChangeText = canEdit && canChangeText;
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
      // A sync update (message 0, sync message 2): someone is typing, which keeps their session alive.
      if (data[0] === 0 && data[1] === 2) connection.editedSinceSessionCheck = true;
      if (this.decisions.waitForDecision(connection, data, isBinary)) return;
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
    this.decisions.handleMessagesWith(connection, handle);
    // Every message passes the connection's rates and its person's first (`MessageThrottle`, `PersonRates`).
    const personBuckets = this.personRates.acquire(writer.userId);
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
      personBuckets,
      this.turn,
    );
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (connection.isOpen) throttle.receive(data, isBinary);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      throttle.stop();
      this.personRates.release(writer.userId);
      if (connection.cutOff) this.metrics.throttled.inc({ reason: 'unread' });
      this.metrics.connections.dec();
      room.detach(connection);
      this.registry.release(room);
    });
    room.attach(connection, canEdit ? undefined : readOnlyReason);
  }

  /**
   * Keep-alive: each tick pings one slice of the connections, so that every connection is
   * pinged once per interval without thousands of pings (and their pongs) in one burst. A
   * connection that did not answer its previous ping is dropped.
   */
  private pingSlice(): void {
    const slot = this.keepAliveTick++ % KEEP_ALIVE_SLOTS;
    const pinged: SyncConnection[] = [];
    for (const room of this.registry.rooms()) {
      for (const connection of room.connections) {
        if (connection.pingSlot !== slot) continue;
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
        pinged.push(connection);
      }
    }
    if (pinged.length > 0) void this.sessions.check(pinged);
  }

  /**
   * A domain event: a sign-out closes that session's connections (`SessionWatch`); an access
   * change made elsewhere in the process reaches open and opening connections (`AccessDecisions`).
   */
  private onDomainEvent(event: DomainEvent): void {
    if (event.type === 'session.signed-out') this.sessions.signedOut(event.sessionId);
    else this.decisions.changed(event);
  }
}
