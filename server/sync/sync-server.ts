import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type pg from 'pg';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { readSession } from '../../lib/auth/session-token';
import { UserSessions } from '../../lib/auth/user-sessions';
import { subscribeToDomainEvents, type DomainEvent } from '../../lib/events/domain-events';
import { CLIENT_ADDRESS_HEADER } from '../../lib/http/client-address';
import { addressKey } from '../../lib/rate-limit/address-key';
import { limits, type SyncLimits } from '../../lib/limits';
import type { DocumentStore } from '../../lib/sync/document-store';
import { PostgresDocumentStore } from '../../lib/sync/postgres-document-store';
import { UpdateLogWriter } from '../../lib/sync/update-log-writer';
import { refuseUpgrade } from '../upgrade-router';
import { PostgresClientBindingStore, type ClientBindingStore } from '../../lib/sync/client-binding-store';
import { registerLiveDocuments } from '../../lib/sync/live-documents';
import { PostgresVersionStore, type VersionStore } from '../../lib/versions/version-store';
import type { Writer } from './annotation-rules';
import { accessChangeReaches, type ConnectionSubject } from './access-change-scope';
import { ConnectionRateLimiter } from './connection-rate-limiter';
import { ConversationAccessChecker, type ConversationAccess } from './conversation-access';
import type { ConversationRoom } from './conversation-room';
import { LocalRoomBroadcaster, type RoomBroadcaster } from './room-broadcaster';
import { LiveRoomDocuments } from './live-room-documents';
import { MessageThrottle } from './message-throttle';
import { PersonRates } from './person-rates';
import { TurnBudget } from './turn-budget';
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

/** A connection between its first access check and joining its room (the document loading). */
interface Opening extends ConnectionSubject {
  /** Set by an access change that reaches it: its access is decided again before it joins. */
  stale: boolean;
}

/** How often an opening connection's access is decided again while access changes keep reaching it, before it is told to retry. */
const MAX_OPENING_DECISIONS = 5;

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
  /** Server-side sessions: a signed-out or expired session's cookie opens nothing. */
  private readonly sessions: UserSessions;
  /** The session each open socket was opened with, so signing out closes that session's sockets. */
  private readonly sessionOfSocket = new WeakMap<WebSocket, string>();
  /** Sessions signed out lately, with when: a connection still opening with one of them is refused. */
  private readonly signedOutSessions = new Map<string, number>();
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
  /** Connections still opening, which access changes reach as they reach open ones. */
  private readonly openings = new Set<Opening>();
  /** The latest access decision under way for each open connection; an older one that ends later is ignored. */
  private readonly decisions = new WeakMap<SyncConnection, number>();
  /** Each open connection's message handler, to take what waited for a decision. */
  private readonly handlers = new WeakMap<SyncConnection, (data: Buffer, isBinary: boolean) => void>();
  /** What connections sent while an access change reaching them was being decided, taken once it is. */
  private readonly awaitingDecision = new Map<SyncConnection, { messages: Array<{ data: Buffer; isBinary: boolean }>; bytes: number }>();

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
    this.sessions = new UserSessions(options.pool);
    this.newConnections = new ConnectionRateLimiter(this.settings.newConnectionsPerPerson);
    this.unauthenticatedUpgrades = new ConnectionRateLimiter(this.settings.unauthenticatedUpgradesPerAddress);
    this.personRates = new PersonRates(this.settings);
    this.turn = new TurnBudget(this.settings.maxWorkPerTurnMs);
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

    // The session first: no cookie or a bad one is refused without a query (`readSession`
    // decodes the JWT before it asks the database), so nothing here is spent for an address
    // by upgrades that carry no session; a school's shared address is never blocked by one script.
    const session = await readSession(request.headers.cookie, this.sessions);
    if (!session) {
      const address = addressKey(String(request.headers[CLIENT_ADDRESS_HEADER] ?? request.socket.remoteAddress ?? 'unknown'));
      if (!this.unauthenticatedUpgrades.tryTake(address)) return refuse(429, 'Too Many Requests', 'rate_limited');
      return refuse(401, 'Unauthorized', 'unauthenticated');
    }
    const { userId } = session;
    // New connections per person (a reconnect storm of one person's tabs), before the access check's query.
    if (!this.newConnections.tryTake(userId)) return refuse(429, 'Too Many Requests', 'rate_limited');
    let opening: Opening | undefined;
    let room: ConversationRoom | undefined;
    let access: ConversationAccess | null;
    try {
      const first = await this.access.check(userId, conversationId);
      if (!first.granted) return refuse(404, 'Not Found', 'not_found');
      opening = { userId, conversationId, classId: first.classId, stale: false };
      this.openings.add(opening);
      room = await this.registry.acquire(conversationId, first.classId);
      access = await this.decideOpening(opening);
    } catch (error) {
      if (opening) this.openings.delete(opening);
      if (room) this.registry.release(room);
      if (error instanceof DocumentMissingError) return refuse(404, 'Not Found', 'not_found');
      this.metrics.errors.inc({ kind: 'load' });
      this.options.log.error({ err: error, conversationId }, 'could not open a conversation for live sync');
      return refuse(503, 'Service Unavailable', 'load_failed');
    }
    // From this decision to `room.attach` nothing waits (the upgrade's callback runs at once),
    // so no access change falls between them: a later one finds the connection in its room.
    this.openings.delete(opening);
    // Signed out while this connection was opening (after its session was read): refused like any signed-out cookie.
    if (this.signedOutSessions.has(session.sessionId)) {
      this.registry.release(room);
      return refuse(401, 'Unauthorized', 'unauthenticated');
    }
    if (!access?.granted || this.shuttingDown || socket.destroyed) {
      this.registry.release(room);
      if (socket.destroyed) return;
      if (this.shuttingDown) return refuse(503, 'Service Unavailable', 'shutting_down');
      return access ? refuse(404, 'Not Found', 'not_found') : refuse(503, 'Service Unavailable', 'access_changing');
    }
    const writer: Writer = { userId, name: access.authorName, isInstructor: access.role === 'instructor' };
    const { canEdit, readOnlyReason } = access;
    const joined = room;
    let accepted = false;
    this.sockets.handleUpgrade(request, socket, head, (ws) => {
      accepted = true;
      this.sessionOfSocket.set(ws, session.sessionId);
      this.accept(ws, joined, writer, canEdit, readOnlyReason);
    });
    // The WebSocket layer refused the handshake itself (a bad header, a closed socket): the room is not kept for it.
    if (!accepted) this.registry.release(room);
  }

  /**
   * The access of a connection whose document has loaded, decided again right before it joins
   * its room, always: an access change committed before this check started is read by it
   * (services publish after they commit); one published while it runs marks the opening
   * stale, and it is decided again. Null when access kept changing (the client retries).
   */
  private async decideOpening(opening: Opening): Promise<ConversationAccess | null> {
    for (let decision = 0; decision < MAX_OPENING_DECISIONS; decision++) {
      opening.stale = false;
      const access = await this.access.check(opening.userId, opening.conversationId);
      if (!opening.stale) return access;
    }
    return null;
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
      // A sync update (message 0, sync message 2): someone is typing, which keeps their session alive.
      if (data[0] === 0 && data[1] === 2) connection.editedSinceSessionCheck = true;
      if (this.waitForDecision(connection, data, isBinary)) return;
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
    this.handlers.set(connection, handle);
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
    if (pinged.length > 0) void this.checkSessions(pinged);
  }

  /**
   * The sessions of a slice of open connections, checked again (one query per slice, so each
   * connection once per keep-alive interval): a connection whose session ended since it
   * opened (signed out in another process, idle past the timeout, past its lifetime) closes
   * with `4401`. An edit sent meanwhile counts as activity. A database that does not answer
   * closes nothing: the next round asks again.
   */
  private async checkSessions(connections: SyncConnection[]): Promise<void> {
    const sessionOf = new Map<SyncConnection, string>();
    const used = new Set<string>();
    for (const connection of connections) {
      const sessionId = this.sessionOfSocket.get(connection.socket);
      if (!sessionId) continue;
      sessionOf.set(connection, sessionId);
      if (connection.editedSinceSessionCheck) used.add(sessionId);
      connection.editedSinceSessionCheck = false;
    }
    if (sessionOf.size === 0) return;
    let active: Set<string>;
    try {
      active = await this.sessions.activeAmong([...new Set(sessionOf.values())], used);
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not check the sessions of open connections; will ask again');
      return;
    }
    for (const [connection, sessionId] of sessionOf) {
      const ended = !active.has(sessionId);
      this.metrics.sessionChecks.inc({ outcome: ended ? 'ended' : 'active' });
      if (ended) connection.close(closeCodes.signedOut, 'Your session ended; sign in again.');
    }
  }

  /**
   * An access change made elsewhere in the process (removal, role change, lock, unlock,
   * deletion, archiving): every open or opening connection it reaches (`accessChangeReaches`)
   * is decided again, with the same check a new connection passes. Within a second.
   */
  private onDomainEvent(event: DomainEvent): void {
    if (event.type === 'session.signed-out') return this.closeSignedOutSession(event.sessionId);
    for (const opening of this.openings) if (accessChangeReaches(event, opening)) opening.stale = true;
    // One check per person and conversation, however many tabs they have open.
    const reached = new Map<string, { room: ConversationRoom; userId: string; connections: SyncConnection[] }>();
    for (const room of this.registry.rooms()) {
      for (const connection of room.connections) {
        if (!accessChangeReaches(event, { userId: connection.userId, conversationId: room.documentId, classId: room.classId })) continue;
        const key = `${room.documentId} ${connection.userId}`;
        let entry = reached.get(key);
        if (!entry) reached.set(key, (entry = { room, userId: connection.userId, connections: [] }));
        entry.connections.push(connection);
      }
    }
    for (const { room, userId, connections } of reached.values()) void this.decideAgain(room, userId, connections);
  }

  /**
   * A sign-out: that session's open connections close (`4401`, the page stops syncing), and
   * one still opening is refused before it joins. Kept for 10 minutes, longer than any opening.
   */
  private closeSignedOutSession(sessionId: string): void {
    const now = Date.now();
    for (const [ended, at] of this.signedOutSessions) if (now - at > 10 * 60_000) this.signedOutSessions.delete(ended);
    this.signedOutSessions.set(sessionId, now);
    for (const room of this.registry.rooms()) {
      for (const connection of room.connections) {
        if (this.sessionOfSocket.get(connection.socket) === sessionId) connection.close(closeCodes.signedOut, 'You signed out.');
      }
    }
  }

  /**
   * Decides open connections' access again and applies it: gone (`4404`), no longer a member
   * (`4403`), or the permission (read-only or may edit), told to the connection both ways. A
   * decision overtaken by a later one (a lock, then an unlock) is not applied.
   */
  private async decideAgain(room: ConversationRoom, userId: string, connections: SyncConnection[]): Promise<void> {
    const numbers = new Map(connections.map((connection) => [connection, (this.decisions.get(connection) ?? 0) + 1]));
    for (const [connection, number] of numbers) {
      this.decisions.set(connection, number);
      if (!this.awaitingDecision.has(connection)) this.awaitingDecision.set(connection, { messages: [], bytes: 0 });
    }
    let access: ConversationAccess;
    try {
      access = await this.access.check(userId, room.documentId);
    } catch (error) {
      // Unknown is not granted: the reconnect decides afresh.
      this.options.log.error({ err: error, conversationId: room.documentId }, 'could not decide again the access of open connections; closing them');
      for (const connection of connections) {
        this.awaitingDecision.delete(connection);
        connection.close(closeCodes.unavailable, 'Could not check your access; reconnecting.');
      }
      return;
    }
    for (const connection of connections) {
      if (this.decisions.get(connection) !== numbers.get(connection)) continue;
      const waiting = this.awaitingDecision.get(connection);
      this.awaitingDecision.delete(connection);
      if (!connection.isOpen) continue;
      if (!access.granted) {
        if (access.missing) connection.close(closeCodes.gone, 'This conversation was moved to the class’s trash.');
        else connection.close(closeCodes.forbidden, 'You no longer have access to this conversation.');
        continue;
      }
      const wasInstructor = connection.writer.isInstructor;
      connection.writer = { userId, name: access.authorName, isInstructor: access.role === 'instructor' };
      room.setCanEdit(connection, access.canEdit, access.readOnlyReason);
      // A role change shows in its presence at once (a demoted instructor stops presenting).
      if (wasInstructor !== connection.writer.isInstructor) room.restampPresence(connection);
      // What it sent meanwhile is taken now, under the new decision, in order.
      const handle = this.handlers.get(connection);
      for (const { data, isBinary } of waiting?.messages ?? []) handle?.(data, isBinary);
    }
  }

  /**
   * While an access change reaching a connection is decided (a few milliseconds), what it
   * sends waits, so nothing lands under a permission it no longer has. Past the held-update
   * bounds the connection is closed (it reconnects and is decided afresh). Returns whether
   * the message was kept for later.
   */
  private waitForDecision(connection: SyncConnection, data: Buffer, isBinary: boolean): boolean {
    const waiting = this.awaitingDecision.get(connection);
    if (!waiting) return false;
    waiting.messages.push({ data, isBinary });
    waiting.bytes += data.byteLength;
    if (waiting.messages.length > this.settings.maxHeldUpdates || waiting.bytes > this.settings.maxHeldBytes) {
      this.awaitingDecision.delete(connection);
      connection.close(closeCodes.unavailable, 'Too much was sent while your access was being checked; reconnecting.');
    }
    return true;
  }
}
