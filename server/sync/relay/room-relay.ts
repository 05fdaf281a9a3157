import type { Bindings, Refusals, RelayMessage } from './relay-messages';

/** What a room's relay needs of the room (`ConversationRoom` implements it). */
export interface RelayedRoom {
  stateVector(): Uint8Array;
  /** What a process with that state vector lacks of this document (its delete set included). */
  missingFor(stateVector: Uint8Array): Uint8Array;
  /** Whose the client ids written in `update` are, as far as this process knows. */
  bindingsIn(update: Uint8Array): Bindings;
  /** A change another process received from its client (and stores itself), with the client ids it bound: applied, sent to this process's connections, not logged again. */
  applyPeerUpdate(update: Uint8Array, bindings: Bindings): void;
  /** Presence of another process's connections, with the person each client id is for ('' once removed). */
  applyPeerPresence(update: Uint8Array, owners: Array<[number, string]>): void;
  /** Content another process refused from read-only writers: refused here too. */
  applyPeerRefusals(refused: Refusals): void;
  /** Reads the stored client bindings and refusals again: what a lost message may have carried. */
  refreshStoredRules(): Promise<void>;
  /** Folds in every update of the log: when a process that should have answered did not (it died). */
  catchUpFromLog(): Promise<void>;
}

/** What a room's relay needs of the process's relay. */
export interface RelayTransport {
  readonly processId: string;
  publish(documentId: string, message: RelayMessage): void;
  /** Counted as a gap healed (a message that did not arrive), or a catch-up from the log. */
  counted(what: 'gap' | 'log-catch-up' | 'lag', value?: number): void;
  readonly answerTimeoutMs: number;
}

interface Peer {
  /** The peer's update count for this document, as last heard. */
  sequence: number;
  /** While a request to it is unanswered: falls back to the log when it fires. */
  answerTimer?: NodeJS.Timeout;
}

/**
 * One conversation's side of the relay in this process: numbers what it publishes, tracks
 * what it heard from each other process, and heals what got lost (docs/sync.md, "Healing"):
 * a jump in a peer's count, a heartbeat ahead of it, or a first word from an unknown peer
 * makes it ask that peer for what it lacks (a state vector exchange, which carries deletions
 * too); a peer that does not answer within `answerTimeoutMs` (it died) is made up for from the
 * PostgreSQL log, where every update it received from a client is within 100 ms.
 */
let incarnations = 0;

export class RoomRelay {
  /**
   * Who this room speaks as: the process and this load of the room. A room unloaded and
   * loaded again starts counting from zero, so it is a new peer to the others (who then ask
   * it for everything once), not an old one whose count went backwards.
   */
  readonly senderId: string;
  private sequence = 0;
  private readonly peers = new Map<string, Peer>();
  /** When it last published an update, and how many heartbeats went out since (`heartbeatDue`). */
  private lastUpdateAt = 0;
  private heartbeatsSinceUpdate = 0;
  private closed = false;
  /**
   * Whether another process may have this conversation open (`othersListen`): until Redis
   * says otherwise, and again whenever a peer is heard from. While nobody else listens, the
   * room's changes, presence and heartbeats are not published.
   */
  private othersListening = true;
  /** When a peer was last heard from (`Date.now()`). */
  private lastHeardAt = 0;

  constructor(
    readonly documentId: string,
    private readonly room: RelayedRoom,
    private readonly transport: RelayTransport,
  ) {
    this.senderId = `${transport.processId}/${++incarnations}`;
  }

  /**
   * What Redis answered to a question asked at `askedAt` (`PUBSUB NUMSUB`): whether another
   * process is subscribed to this conversation. A "no" is ignored when a peer was heard from
   * since the question (it subscribed after it). Skipped messages are still numbered, so a
   * process that subscribes later sees them as Redis's losses and asks for what it lacks
   * (and it asks anyway when it opens the room).
   */
  othersListen(listening: boolean, askedAt: number): void {
    if (!listening && this.lastHeardAt >= askedAt) return;
    this.othersListening = listening;
  }

  publishUpdate(update: Uint8Array, bindings: Bindings): void {
    this.sequence++;
    this.lastUpdateAt = Date.now();
    this.heartbeatsSinceUpdate = 0;
    this.send({ kind: 'update', update, bindings });
  }

  publishPresence(update: Uint8Array, owners: Array<[number, string]>): void {
    this.send({ kind: 'presence', update, owners });
  }

  /** Numbered like an update, so that its loss shows as a gap (which re-reads the stored refusals: `refreshStoredRules`). */
  publishRefused(refused: Refusals): void {
    this.sequence++;
    this.lastUpdateAt = Date.now();
    this.heartbeatsSinceUpdate = 0;
    this.send({ kind: 'refused', refused });
  }

  /**
   * A heartbeat (the count of updates published) is only needed after the last update of a
   * burst, whose loss no later update would show: one `everyMs` after it, then after twice and
   * four times that (in case a heartbeat is lost too), then none until the next update. While
   * people type, the updates themselves show any gap, and nothing extra is sent.
   */
  heartbeatDue(now: number, everyMs: number): boolean {
    if (this.lastUpdateAt === 0 || this.heartbeatsSinceUpdate >= 3) return false;
    return now - this.lastUpdateAt >= everyMs * 2 ** this.heartbeatsSinceUpdate;
  }

  heartbeat(): void {
    this.heartbeatsSinceUpdate++;
    this.send({ kind: 'heartbeat' });
  }

  /** Asks every process with this document open for what this one lacks (on opening it, after Redis came back). */
  requestFromAll(): void {
    this.send({ kind: 'sync-request', target: '', stateVector: this.room.stateVector() });
  }

  receive(message: RelayMessage): void {
    if (this.closed || message.sender === this.senderId) return;
    this.lastHeardAt = Date.now();
    this.othersListening = true;
    this.transport.counted('lag', Math.max(0, Date.now() - message.sentAt) / 1000);
    const known = this.peers.get(message.sender);
    let lacking = false;
    if (!known) {
      // A first word from a process: whatever it sent before this one may be missing here.
      this.forgetEarlierLoads(message.sender);
      this.peers.set(message.sender, { sequence: message.sequence });
      lacking = message.kind !== 'sync-answer' && message.kind !== 'sync-request';
    } else {
      const expected = message.kind === 'update' || message.kind === 'refused' ? known.sequence + 1 : known.sequence;
      if (message.sequence > expected) {
        lacking = true;
        this.transport.counted('gap');
      }
      known.sequence = Math.max(known.sequence, message.sequence);
    }
    switch (message.kind) {
      case 'update':
        this.room.applyPeerUpdate(message.update, message.bindings);
        break;
      case 'presence':
        this.room.applyPeerPresence(message.update, message.owners);
        break;
      case 'heartbeat':
        break;
      case 'refused':
        this.room.applyPeerRefusals(message.refused);
        break;
      case 'sync-request':
        if (message.target === '' || message.target === this.senderId) {
          this.answer(message.sender, message.stateVector, this.room.stateVector());
        }
        break;
      case 'sync-answer':
        if (message.target !== this.senderId) break;
        this.answered(message.sender);
        this.room.applyPeerUpdate(message.update, message.bindings);
        // It wants what it lacks of ours in return (an empty vector: it does not).
        if (message.stateVector.byteLength > 0) this.answer(message.sender, message.stateVector, new Uint8Array());
        break;
    }
    if (lacking) {
      this.requestFrom(message.sender);
      void this.room.refreshStoredRules().catch(() => undefined);
    }
  }

  /** Redis came back: anything may have been lost meanwhile, both ways. */
  reconnected(): void {
    this.requestFromAll();
    for (const sender of this.peers.keys()) this.awaitAnswer(sender);
  }

  close(): void {
    this.closed = true;
    for (const peer of this.peers.values()) if (peer.answerTimer) clearTimeout(peer.answerTimer);
    this.peers.clear();
  }

  /**
   * A new load of the room on a process means its earlier loads there are unloaded (a process
   * loads a room again only once the last load stored everything and closed, and its messages
   * arrive in order): forgotten, so they are not kept, asked, or made up for from the log one
   * by one after Redis comes back. What they had is in the store the new load started from.
   */
  private forgetEarlierLoads(sender: string): void {
    const cut = sender.lastIndexOf('/');
    if (cut < 0) return;
    const process = sender.slice(0, cut + 1);
    for (const [known, peer] of this.peers) {
      if (!known.startsWith(process)) continue;
      if (peer.answerTimer) clearTimeout(peer.answerTimer);
      this.peers.delete(known);
    }
  }

  private answer(target: string, stateVector: Uint8Array, ownStateVector: Uint8Array): void {
    const update = this.room.missingFor(stateVector);
    this.send({ kind: 'sync-answer', target, update, stateVector: ownStateVector, bindings: this.room.bindingsIn(update) });
  }

  private requestFrom(sender: string): void {
    this.send({ kind: 'sync-request', target: sender, stateVector: this.room.stateVector() });
    this.awaitAnswer(sender);
  }

  private awaitAnswer(sender: string): void {
    const peer = this.peers.get(sender);
    if (!peer || peer.answerTimer) return;
    peer.answerTimer = setTimeout(() => {
      peer.answerTimer = undefined;
      if (this.closed) return;
      // It did not answer: it is gone, or Redis is. What it received from its clients is in the log.
      this.peers.delete(sender);
      this.transport.counted('log-catch-up');
      void this.room.catchUpFromLog().catch(() => undefined);
    }, this.transport.answerTimeoutMs);
    peer.answerTimer.unref();
  }

  private answered(sender: string): void {
    const peer = this.peers.get(sender);
    if (peer?.answerTimer) {
      clearTimeout(peer.answerTimer);
      peer.answerTimer = undefined;
    }
  }

  private send(message: DistributiveOmit<RelayMessage, 'sender' | 'sequence' | 'sentAt'>): void {
    if (this.closed) return;
    // Alone with the conversation: nobody to tell. Requests and answers always go (a request
    // is how a room that just loaded makes itself known).
    if (!this.othersListening && message.kind !== 'sync-request' && message.kind !== 'sync-answer') return;
    this.transport.publish(this.documentId, { ...message, sender: this.senderId, sequence: this.sequence, sentAt: Date.now() } as RelayMessage);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
