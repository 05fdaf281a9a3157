import type { Logger } from 'pino';
import type { DomainEvent } from '@/lib/events/domain-events';
import type { SyncLimits } from '@/lib/limits';
import { writerOf } from './annotation-rules';
import { accessChangeReaches, type ConnectionSubject } from './access-change-scope';
import type { ConversationAccess, ConversationAccessChecker } from './conversation-access';
import type { ConversationRoom } from './conversation-room';
import { closeCodes, type SyncConnection } from './sync-connection';

/** A connection between its first access check and joining its room (the document loading). */
export interface Opening extends ConnectionSubject {
  /** Set by an access change that reaches it: its access is decided again before it joins. */
  stale: boolean;
}

/** A connection's message handler, which takes what waited for a decision once it is made. */
export type MessageHandler = (data: Buffer, isBinary: boolean) => void;

/**
 * The access decisions of the sync server, for connections still opening and open ones: a
 * connection's access is decided (`ConversationAccessChecker`) as it opens, again right before
 * it joins its room, and again whenever an access change made elsewhere in the process
 * (removal, role change, lock, unlock, deletion, archiving) reaches it (`accessChangeReaches`),
 * with the same check a new connection passes. Within a second.
 */
export class AccessDecisions {
  /** Connections still opening, which access changes reach as they reach open ones. */
  private readonly openings = new Set<Opening>();
  /** The latest access decision under way for each open connection; an older one that ends later is ignored. */
  private readonly decisions = new WeakMap<SyncConnection, number>();
  /** Each open connection's message handler, to take what waited for a decision. */
  private readonly handlers = new WeakMap<SyncConnection, MessageHandler>();
  /** What connections sent while an access change reaching them was being decided, taken once it is. */
  /** Decisions under way, by conversation (`settled`). */
  private readonly pending = new Map<string, Set<Promise<void>>>();
  private readonly awaitingDecision = new Map<SyncConnection, { messages: Array<{ data: Buffer; isBinary: boolean }>; bytes: number }>();

  constructor(
    private readonly access: ConversationAccessChecker,
    /** The open rooms, whose connections access changes reach. */
    private readonly rooms: () => Iterable<ConversationRoom>,
    private readonly settings: Pick<SyncLimits, 'maxHeldUpdates' | 'maxHeldBytes' | 'maxOpeningDecisions'>,
    private readonly log: Logger,
  ) {}

  /** The first decision on a new connection, before its document is loaded. */
  check(userId: string, conversationId: string): Promise<ConversationAccess> {
    return this.access.check(userId, conversationId);
  }

  /** A connection now opening (its document loading): access changes reach it until `opened`. */
  opening(subject: ConnectionSubject): Opening {
    const opening = { ...subject, stale: false };
    this.openings.add(opening);
    return opening;
  }

  /** The connection joined its room, or was refused: access changes no longer reach it as opening. */
  opened(opening: Opening): void {
    this.openings.delete(opening);
  }

  /**
   * The access of a connection whose document has loaded, decided again right before it joins
   * its room, always: an access change committed before this check started is read by it
   * (services publish after they commit); one published while it runs marks the opening
   * stale, and it is decided again. Null when access kept changing (the client retries).
   */
  async decideOpening(opening: Opening): Promise<ConversationAccess | null> {
    for (let decision = 0; decision < this.settings.maxOpeningDecisions; decision++) {
      opening.stale = false;
      const access = await this.access.check(opening.userId, opening.conversationId);
      if (!opening.stale) return access;
    }
    return null;
  }

  /** An open connection's message handler, which takes what it sent while a decision was under way. */
  handleMessagesWith(connection: SyncConnection, handler: MessageHandler): void {
    this.handlers.set(connection, handler);
  }

  /**
   * An access change: every opening connection it reaches is marked stale, and every open one
   * is decided again (one check per person and conversation, however many tabs they have open).
   */
  changed(event: DomainEvent): void {
    for (const opening of this.openings) if (accessChangeReaches(event, opening)) opening.stale = true;
    const reached = new Map<string, { room: ConversationRoom; userId: string; connections: SyncConnection[] }>();
    for (const room of this.rooms()) {
      for (const connection of room.connections) {
        if (!accessChangeReaches(event, { userId: connection.userId, conversationId: room.documentId, classId: room.classId })) continue;
        const key = `${room.documentId} ${connection.userId}`;
        let entry = reached.get(key);
        if (!entry) reached.set(key, (entry = { room, userId: connection.userId, connections: [] }));
        entry.connections.push(connection);
      }
    }
    for (const { room, userId, connections } of reached.values()) this.track(room.documentId, this.decideAgain(room, userId, connections));
  }

  /**
   * Resolves once every decision under way for the conversation's open connections is applied
   * (at once when there is none): after it, nothing any of them sends lands under the old
   * permission. A submission waits for it before it counts what was handed in.
   */
  async settled(conversationId: string): Promise<void> {
    const pending = this.pending.get(conversationId);
    if (pending) await Promise.allSettled(pending);
  }

  private track(conversationId: string, decision: Promise<void>): void {
    let pending = this.pending.get(conversationId);
    if (!pending) this.pending.set(conversationId, (pending = new Set()));
    pending.add(decision);
    const done = () => {
      pending.delete(decision);
      if (pending.size === 0 && this.pending.get(conversationId) === pending) this.pending.delete(conversationId);
    };
    decision.then(done, (error: unknown) => {
      done();
      this.log.error({ err: error, conversationId }, 'deciding open connections again failed');
    });
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
      this.log.error({ err: error, conversationId: room.documentId }, 'could not decide again the access of open connections; closing them');
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
      const { isInstructor: wasInstructor, mayAddTags: mightAddTags } = connection.writer;
      connection.writer = writerOf(userId, access);
      room.setCanEdit(connection, access.canEdit, access.readOnlyReason, mightAddTags, access.canChangeText);
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
  waitForDecision(connection: SyncConnection, data: Buffer, isBinary: boolean): boolean {
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
