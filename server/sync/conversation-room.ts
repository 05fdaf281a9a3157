import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { limits, type SyncLimits } from '@/lib/limits';
import type { StoredDocument, StoredSinceKnown } from '@/lib/sync/document-store';
import { encodePermissionMessage, type Permission } from '@/lib/sync/permission-messages';
import type { ClientBindings } from './client-bindings';
import type { DocumentMeasure, UpdateEffects } from './document-measure';
import type { DocumentPersistence } from './document-persistence';
import type { RoomBroadcaster } from './room-broadcaster';
import { closeCodes, type SyncConnection } from './sync-connection';
import {
  decodeIncomingMessage,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdateMessage,
  MalformedMessageError,
} from './sync-messages';
import type { SyncMetrics } from './sync-metrics';
import { ownPresenceUpdate, presenceUpdateWithout, type PresenceSpeaker } from './presence-rules';
import type { Bindings, Refusals } from './relay/relay-messages';
import type { RelayedRoom, RoomRelay } from './relay/room-relay';
import { changesDocument, RefusedClocks } from './read-only-changes';
import { PresenceThrottle } from './presence-throttle';
import { inspectUpdate } from './update-inspection';
import type { VersionKeeper } from './version-keeper';
import { placeUpdate, type DecodedUpdate } from './update-placement';

/** Marks the transactions that replay stored state, so they are not written back. */
export const loadOrigin = Symbol('load');
/** Marks the server's own changes (a restore), which everyone receives. */
export const serverOrigin = Symbol('server');
/** Marks changes and presence from other processes (multi-process mode): sent to this process's connections, not logged or relayed again. */
export const peerOrigin = Symbol('peer');

/** Who speaks for a presence client id announced on another process: that person (a tab of theirs that moves here takes it over). */
class PeerPresenceSpeaker implements PresenceSpeaker {
  readonly writer;
  constructor(readonly userId: string) {
    this.writer = { userId, name: '', isInstructor: false };
  }
}

export interface RoomReceiveResult {
  /** Set when the connection must be closed: what it sent was unreadable, or refused. */
  close?: { code: number; reason: string; problem: string };
}

export interface ConversationRoomParts {
  documentId: string;
  classId: string;
  /** The document with its stored state applied. */
  doc: Y.Doc;
  /** The stored state as loaded, when nothing came after it in the log (see `pristineState`). */
  pristineState: Uint8Array | null;
  /** The document's size, counted at load; its persistence tells it each compaction's exact figure. */
  measure: DocumentMeasure;
  persistence: DocumentPersistence;
  versions: VersionKeeper;
  bindings: ClientBindings;
  broadcaster: RoomBroadcaster;
  metrics: SyncMetrics;
  settings: Pick<
    SyncLimits,
    'maxNewClientIdsPerUpdate' | 'maxHeldUpdates' | 'maxHeldBytes' | 'maxPresenceStateBytes' | 'maxPresenceClientIdsPerConnection' | 'presenceUpdatesPerConnection'
  >;
  largeDeletionFraction: number;
  /** What is stored of the document now (multi-process mode: a catch-up when a peer process does not answer). */
  loadStored?: () => Promise<StoredDocument | null>;
  /** Learns the stored client bindings and refusals again (multi-process mode: after a lost relay message). */
  loadStoredRules?: () => Promise<void>;
}

/**
 * One open conversation: its Yjs document, who is in it and their presence. An update from
 * a connection is inspected first (authorship, annotation rights, bounds: `inspectUpdate`)
 * and refused whole if it breaks a rule; otherwise it is applied, sent to everyone else at
 * once and recorded for the log. A read-only connection's changes are refused, whichever
 * message carries them (its no-ops are not changes): it is closed (4423), and what it sent is
 * refused again whenever it comes back (`RefusedClocks`).
 */
export class ConversationRoom implements RelayedRoom {
  readonly documentId: string;
  readonly classId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<SyncConnection>();
  readonly persistence: DocumentPersistence;
  readonly versions: VersionKeeper;
  readonly bindings: ClientBindings;
  /** The transcript's size, kept current update by update, for the bounds. */
  readonly measure: DocumentMeasure;
  private readonly broadcaster: RoomBroadcaster;
  private readonly metrics: SyncMetrics;
  private readonly settings: ConversationRoomParts['settings'];
  private readonly largeDeletionFraction: number;
  /** Updates and presence changes of this event-loop turn, sent together (see `flushOutgoing`). */
  private pendingUpdates: Array<{ update: Uint8Array; origin: SyncConnection | undefined; fromPeer: boolean }> = [];
  /** Client ids bound here in this turn, relayed with its changes (multi-process mode). */
  private pendingBindings: Bindings = [];
  private pendingAwareness = new Set<number>();
  /** Presence client ids changed here (not by a peer process), to relay. */
  private pendingOwnAwareness = new Set<number>();
  /** Which connection speaks for each presence client id (`ownPresenceUpdate`); a peer process's ids, their person. */
  private readonly presenceOwners = new Map<number, PresenceSpeaker>();
  /** Multi-process mode: this room's relay to the other processes with it open, and how to close it. */
  private relay: RoomRelay | undefined;
  private closeRelay: (() => void) | undefined;
  private readonly loadStored: ConversationRoomParts['loadStored'];
  private readonly loadStoredRules: ConversationRoomParts['loadStoredRules'];
  /** A recount of the document's size after a peer's change that could not be measured as it came. */
  private recountTimer: NodeJS.Timeout | undefined;
  /** Client ids being claimed in the store (`claimBeforeBinding`), and those whose claim failed (bound here as in one process). */
  private readonly claiming = new Set<number>();
  private readonly unclaimable = new Set<number>();
  /** What the peer's change being applied does to the document's size (`applyPeerUpdate`). */
  private peerEffects: UpdateEffects | undefined;
  /** Each connection's presence rate (`PresenceThrottle`). */
  private readonly presenceThrottles = new Map<SyncConnection, PresenceThrottle>();
  private flushScheduled: NodeJS.Immediate | undefined;
  /**
   * The stored state as loaded, while the document has not changed since: exactly what
   * `Y.encodeStateAsUpdate` would give, so a newcomer who has nothing gets these bytes
   * without the cost of encoding a large document again.
   */
  private pristineState: Uint8Array | null;
  /** Who the server change under way is for (`applyServerChange`). */
  private serverChangeBy: string | undefined;
  /** What was refused from read-only connections: never applied later, whoever sends it. */
  private readonly refusedClocks = new RefusedClocks(limits.document.maxClientIds);

  constructor(parts: ConversationRoomParts) {
    this.documentId = parts.documentId;
    this.classId = parts.classId;
    this.doc = parts.doc;
    this.pristineState = parts.pristineState;
    this.persistence = parts.persistence;
    this.versions = parts.versions;
    this.bindings = parts.bindings;
    // What was refused before this load (an unload, a restart) is refused again.
    this.refusedClocks.seed(this.bindings.refusedBefore);
    this.broadcaster = parts.broadcaster;
    this.metrics = parts.metrics;
    this.settings = parts.settings;
    this.largeDeletionFraction = parts.largeDeletionFraction;
    this.measure = parts.measure;
    this.loadStored = parts.loadStored;
    this.loadStoredRules = parts.loadStoredRules;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocumentUpdate(update, origin));
    this.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwarenessUpdate(changes, origin),
    );
  }

  /** A new document with the stored state and log applied (before anyone is attached). */
  static loadDocument(state: Uint8Array | null, updates: Uint8Array[]): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    Y.transact(
      doc,
      () => {
        if (state) Y.applyUpdate(doc, state, loadOrigin);
        for (const update of updates) Y.applyUpdate(doc, update, loadOrigin);
      },
      loadOrigin,
    );
    return doc;
  }

  /**
   * A new connection: it gets our state vector (so it sends what we lack), everyone's
   * presence, and its permission (read-only with the reason, or may edit).
   */
  attach(connection: SyncConnection, readOnlyReason?: string): void {
    this.connections.add(connection);
    this.send(connection, encodeSyncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(connection, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
    this.send(connection, encodePermissionMessage(permissionOf(connection, readOnlyReason ?? '')));
  }

  /** A connection left: its presence goes with it. */
  detach(connection: SyncConnection): void {
    if (!this.connections.delete(connection)) return;
    connection.heldUpdates.length = 0;
    if (connection.awarenessClientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], connection);
    }
    for (const [clientId, owner] of this.presenceOwners) if (owner === connection) this.presenceOwners.delete(clientId);
    this.presenceThrottles.get(connection)?.stop();
    this.presenceThrottles.delete(connection);
  }

  /** Multi-process mode: from now on this room's changes and presence go to the other processes too. */
  relayThrough(relay: RoomRelay, close: () => void): void {
    this.relay = relay;
    this.closeRelay = close;
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  missingFor(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  bindingsIn(update: Uint8Array): Bindings {
    const bindings: Bindings = [];
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      const userId = this.bindings.ownerOf(clientId);
      if (userId !== undefined) bindings.push([clientId, userId]);
    }
    return bindings;
  }

  /**
   * A change another process accepted from its client (its rules held there, and it logs it):
   * its client ids' owners are learnt, then it is applied here, sent to this room's
   * connections, neither logged nor relayed again. Applying what is already here changes
   * nothing and sends nothing.
   */
  applyPeerUpdate(update: Uint8Array, bindings: Bindings): void {
    this.bindings.learn(bindings);
    // Counted for the bounds at once, as this process's own changes are: otherwise a member
    // could pass a bound by writing part through each process. (One that builds on something
    // not here yet is counted by the recount that follows it.)
    try {
      this.peerEffects = this.measure.effectsOf(placeUpdate(this.doc, Y.decodeUpdate(update)));
    } catch {
      this.peerEffects = undefined;
    }
    try {
      Y.applyUpdate(this.doc, update, peerOrigin);
    } finally {
      this.peerEffects = undefined;
    }
  }

  applyPeerPresence(update: Uint8Array, owners: Array<[number, string]>): void {
    const spokenForHere = new Set<number>();
    for (const [clientId, userId] of owners) {
      const current = this.presenceOwners.get(clientId);
      if (current && !(current instanceof PeerPresenceSpeaker)) {
        // A connection here speaks for it: another process may not, unless for the same person (a tab moving over).
        if (current.userId !== userId) spokenForHere.add(clientId);
        continue;
      }
      if (userId === '') this.presenceOwners.delete(clientId);
      else this.presenceOwners.set(clientId, new PeerPresenceSpeaker(userId));
    }
    const kept = spokenForHere.size > 0 ? presenceUpdateWithout(update, spokenForHere) : update;
    if (kept) awarenessProtocol.applyAwarenessUpdate(this.awareness, kept, peerOrigin);
  }

  async refreshStoredRules(): Promise<void> {
    await this.loadStoredRules?.();
  }

  async catchUpFromLog(): Promise<void> {
    const stored = await this.loadStored?.();
    if (stored) this.foldStored({ state: stored.state, updates: stored.updates });
  }

  /** What is stored (another process's compaction, the log), folded into this document like a peer's changes. */
  foldStored(stored: StoredSinceKnown): void {
    Y.transact(
      this.doc,
      () => {
        if (stored.state) Y.applyUpdate(this.doc, stored.state, peerOrigin);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update, peerOrigin);
      },
      peerOrigin,
    );
    this.measure.recount(this.doc);
  }

  receive(connection: SyncConnection, data: Uint8Array): RoomReceiveResult {
    this.metrics.bytesReceived.inc(data.byteLength);
    let message;
    try {
      message = decodeIncomingMessage(data);
    } catch (error) {
      this.metrics.errors.inc({ kind: 'malformed_message' });
      return { close: { code: closeCodes.malformed, reason: 'Unreadable message.', problem: error instanceof MalformedMessageError ? error.message : 'unreadable message' } };
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
        if (!connection.canEdit) return this.refuseReadOnlyChange(connection, message.decoded);
        return this.receiveUpdate(connection, { update: message.update, decoded: message.decoded });
      case 'awareness':
        if (this.presenceThrottleOf(connection).admit(message.update)) return this.receivePresence(connection, message.update);
        this.metrics.throttled.inc({ reason: 'presence' });
        return {};
      case 'query-awareness': {
        // The answer is every state in the room (up to megabytes): at the presence rate, and
        // not to a connection that has not read the previous answers yet.
        if (connection.socket.bufferedAmount > this.settings.maxPresenceStateBytes * 16 || !this.presenceThrottleOf(connection).admitQuery()) {
          this.metrics.throttled.inc({ reason: 'presence' });
          return {};
        }
        const states = [...this.awareness.getStates().keys()];
        this.send(connection, encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
        return {};
      }
      case 'auth':
        return {};
    }
  }

  private receivePresence(connection: SyncConnection, update: Uint8Array): RoomReceiveResult {
    try {
      const owned = ownPresenceUpdate(update, connection, this.presenceOwners, this.settings);
      if (owned) awarenessProtocol.applyAwarenessUpdate(this.awareness, owned, connection);
    } catch {
      this.metrics.errors.inc({ kind: 'malformed_message' });
      return { close: { code: closeCodes.malformed, reason: 'Unreadable message.', problem: 'unreadable presence update' } };
    }
    return {};
  }

  /**
   * Applies the presence rule again to a connection's states, as if it had just sent them:
   * after a role change, its `user.role` and whether its `presenting` is honoured follow the
   * new role at once, not at its next renewal.
   */
  restampPresence(connection: SyncConnection): void {
    const states = this.awareness.getStates();
    const entries = [...connection.awarenessClientIds].filter((clientId) => states.has(clientId));
    if (entries.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length);
    for (const clientId of entries) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, (this.awareness.meta.get(clientId)?.clock ?? 0) + 1);
      encoding.writeVarString(encoder, JSON.stringify(states.get(clientId)));
    }
    this.receivePresence(connection, encoding.toUint8Array(encoder));
  }

  private presenceThrottleOf(connection: SyncConnection): PresenceThrottle {
    let throttle = this.presenceThrottles.get(connection);
    if (!throttle) {
      throttle = new PresenceThrottle(this.settings.presenceUpdatesPerConnection, (update) => {
        if (!this.connections.has(connection) || !connection.isOpen) return;
        const result = this.receivePresence(connection, update);
        if (result.close) connection.close(result.close.code, result.close.reason);
      });
      this.presenceThrottles.set(connection, throttle);
    }
    return throttle;
  }

  /**
   * A change from a member: inspected, then applied or refused whole. One that builds on
   * something not here yet is held (it is usually in the connection's next message) and
   * tried again after each change applied; one that breaks a rule closes the connection.
   */
  private receiveUpdate(connection: SyncConnection, update: { update: Uint8Array; decoded: DecodedUpdate }): RoomReceiveResult {
    const result = this.tryApply(connection, update);
    if (result === 'wait') {
      connection.heldUpdates.push(update);
      connection.heldBytes += update.update.byteLength;
      if (connection.heldUpdates.length > this.settings.maxHeldUpdates || connection.heldBytes > this.settings.maxHeldBytes) {
        this.metrics.errors.inc({ kind: 'incomplete_update' });
        this.dropHeld(connection);
        return { close: { code: closeCodes.malformed, reason: 'Changes arrived without what they build on.', problem: 'too many incomplete updates held' } };
      }
      return {};
    }
    if (result !== 'applied') {
      // Nothing of a refused connection lands later, whatever it had waiting.
      this.dropHeld(connection);
      return { close: result };
    }
    this.retryHeld();
    return {};
  }

  /**
   * A change from a read-only connection: a no-op (what a page in sync sends as it opens) is
   * ignored; anything else is refused, remembered as refused, and answered with 4423, so the
   * page knows its copy holds what the server will not take.
   */
  private refuseReadOnlyChange(connection: SyncConnection, decoded: DecodedUpdate): RoomReceiveResult {
    if (!changesDocument(this.doc, decoded)) return {};
    this.refuseFrom(connection.userId, this.refusedClocks.refuse(this.doc, decoded, connection.userId));
    this.metrics.droppedReadOnlyUpdates.inc();
    return { close: { code: closeCodes.readOnlyChange, reason: 'This conversation is read-only for you; that change was not kept.', problem: 'a read-only connection sent a change' } };
  }

  /** Content refused from a read-only writer: stored, and told to the other processes (multi-process mode), so it is refused wherever it comes back. */
  private refuseFrom(userId: string, refused: Array<{ clientId: number; fromClock: number }>): void {
    this.bindings.refuse(userId, refused);
    if (this.relay && refused.length > 0) this.relay.publishRefused(refused.map((entry) => ({ ...entry, userId })));
  }

  applyPeerRefusals(refused: Refusals): void {
    this.bindings.learn(refused.map(({ clientId, userId }): [number, string] => [clientId, userId]));
    this.refusedClocks.seed(refused);
  }

  private dropHeld(connection: SyncConnection): void {
    connection.heldUpdates.length = 0;
    connection.heldBytes = 0;
  }

  private tryApply(connection: SyncConnection, update: { update: Uint8Array; decoded: DecodedUpdate }): 'applied' | 'wait' | NonNullable<RoomReceiveResult['close']> {
    if (this.refusedClocks.buildsOnRefused(this.doc, update.decoded, connection.userId)) {
      this.metrics.droppedReadOnlyUpdates.inc();
      return { code: closeCodes.readOnlyChange, reason: 'That change builds on one refused while read-only.', problem: 'an update brought a change refused from a read-only connection' };
    }
    const inspection = inspectUpdate(
      this.doc,
      { decoded: update.decoded, bytes: update.update.byteLength, update: update.update },
      connection.writer,
      this,
      this.settings,
      connection.mayChangeText,
    );
    if (inspection.verdict === 'wait') return 'wait';
    if (inspection.verdict === 'text-frozen') {
      // As a read-only connection's change: refused, and refused again whenever it comes back.
      this.refuseFrom(connection.userId, this.refusedClocks.refuse(this.doc, update.decoded, connection.userId));
      this.metrics.droppedReadOnlyUpdates.inc();
      return { code: closeCodes.readOnlyChange, reason: 'The text is frozen for you; that change was not kept.', problem: `a text-frozen connection sent a change: ${inspection.reason}` };
    }
    if (inspection.verdict === 'malformed') {
      this.metrics.errors.inc({ kind: 'invalid_update' });
      return { code: closeCodes.malformed, reason: 'Unreadable message.', problem: `refused an update: ${inspection.reason}` };
    }
    if (inspection.verdict === 'forbidden') {
      this.metrics.refusedUpdates.inc({ reason: 'forbidden' });
      return { code: closeCodes.refusedChange, reason: inspection.reason, problem: 'an update broke a rule of authorship or annotation rights' };
    }
    if (inspection.verdict === 'too-large') {
      this.metrics.refusedUpdates.inc({ reason: 'too_large' });
      return { code: closeCodes.tooLarge, reason: inspection.reason, problem: 'an update would pass a bound of the document' };
    }
    if (this.relay && this.claimBeforeBinding(connection, inspection.clientIds)) return 'wait';
    const { effects } = inspection;
    if (effects.deletedCharacters > 0 && effects.deletedCharacters > this.measure.textCharacters * this.largeDeletionFraction) {
      // Captured now, before the deleted text is garbage-collected; stored in the background
      // (a failure to store it is reported by the keeper).
      this.versions.keepIfEdited('large-deletion').catch(() => undefined);
    }
    try {
      Y.applyUpdate(this.doc, update.update, connection);
    } catch (error) {
      // Yjs may have applied part of it before failing: count the document again.
      this.measure.recount(this.doc);
      this.metrics.errors.inc({ kind: 'invalid_update' });
      return { code: closeCodes.malformed, reason: 'Unreadable message.', problem: error instanceof Error ? `update did not apply: ${error.message}` : 'update did not apply' };
    }
    if (this.relay) for (const clientId of inspection.clientIds) if (this.bindings.ownerOf(clientId) === undefined) this.pendingBindings.push([clientId, connection.userId]);
    this.bindings.bind(inspection.clientIds, connection.userId);
    this.measure.apply(effects, update.update.byteLength);
    return 'applied';
  }

  /**
   * Several processes: a client id nobody here owns may be owned already through another
   * process (its binding not heard of, or lost with a relay message), so it is claimed in the
   * store before it is bound here; the update waits, held, until the answer comes, and is
   * then inspected again (refused with 4409 if the id is someone else's, or as refused
   * content if it was refused there). True while it must wait.
   */
  private claimBeforeBinding(connection: SyncConnection, clientIds: Set<number>): boolean {
    const unbound = [...clientIds].filter((clientId) => this.bindings.ownerOf(clientId) === undefined && !this.unclaimable.has(clientId));
    if (unbound.length === 0 || !this.bindings.canClaim) return false;
    const fresh = unbound.filter((clientId) => !this.claiming.has(clientId));
    if (fresh.length === 0) return true;
    for (const clientId of fresh) this.claiming.add(clientId);
    this.bindings.claim(fresh, connection.userId).then(
      (refused) => {
        for (const clientId of fresh) this.claiming.delete(clientId);
        if (refused.length > 0) this.refusedClocks.seed(refused);
        this.retryHeld();
      },
      () => {
        // The database is away: the binding is made here (as in one process) and stored when it is back.
        for (const clientId of fresh) {
          this.claiming.delete(clientId);
          this.unclaimable.add(clientId);
        }
        this.metrics.errors.inc({ kind: 'binding_claim' });
        this.retryHeld();
      },
    );
    return true;
  }

  /** Held updates whose missing pieces may have arrived with the change just applied. */
  private retryHeld(): void {
    for (let progress = true; progress; ) {
      progress = false;
      for (const connection of this.connections) {
        while (connection.heldUpdates.length > 0 && connection.canEdit && connection.isOpen) {
          const held = connection.heldUpdates[0]!;
          const result = this.tryApply(connection, held);
          if (result === 'wait') break;
          connection.heldUpdates.shift();
          connection.heldBytes -= held.update.byteLength;
          if (result === 'applied') {
            progress = true;
          } else {
            this.dropHeld(connection);
            connection.close(result.code, result.reason);
          }
        }
      }
    }
  }

  /**
   * A change made by the server for a person (a restore): written with a client id of its
   * own, bound to that person, and sent to every connection like anyone's edit.
   */
  applyServerChange(userId: string, change: (doc: Y.Doc) => void): void {
    this.doc.clientID = this.unusedClientId();
    if (this.relay) this.pendingBindings.push([this.doc.clientID, userId]);
    this.bindings.bind([this.doc.clientID], userId);
    this.serverChangeBy = userId;
    try {
      this.doc.transact(() => change(this.doc), serverOrigin);
    } finally {
      this.serverChangeBy = undefined;
    }
    this.measure.recount(this.doc);
  }

  private unusedClientId(): number {
    for (;;) {
      const candidate = crypto.getRandomValues(new Uint32Array(1))[0]!;
      if (this.bindings.ownerOf(candidate) === undefined && !this.doc.store.clients.has(candidate)) return candidate;
    }
  }

  /**
   * Everything of this document, stored: a version if it was edited since the last one,
   * then the log, the compaction, the versions and the client bindings. What unloading and
   * shutdown do; throws if the database refuses.
   */
  async storeEverything(): Promise<void> {
    const versionsStored = Promise.all([this.versions.keepIfEdited('unload'), this.versions.flush()]).then(
      () => true,
      () => true, // a refused version is reported by the keeper
    );
    await Promise.all([this.persistence.persistFully(), this.bindings.flush()]);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), limits.versions.unloadWaitMs)));
    const stored = await Promise.race([versionsStored, waited]).finally(() => clearTimeout(timer));
    if (!stored) this.metrics.errors.inc({ kind: 'version_not_stored_at_unload' });
  }

  /**
   * Operations of the server's own on this room under way (a restore): while any runs, the
   * room is not unloaded, though nobody is connected.
   */
  operations = 0;

  /**
   * A new decision on a connection's permission, told to it both ways (read-only with the
   * reason, or may edit again, with or without the text). Updates of it held when it becomes
   * read-only are refused, as anything it sends from then on would be: nothing of it lands
   * later; held ones that change a text frozen meanwhile are refused when they are tried.
   */
  setCanEdit(connection: SyncConnection, canEdit: boolean, readOnlyReason: string, mayAddTagsBefore = connection.writer.mayAddTags, canChangeText = canEdit): void {
    const mayChangeText = canEdit && canChangeText;
    if (connection.canEdit === canEdit && connection.mayChangeText === mayChangeText && (!canEdit || mayAddTagsBefore === connection.writer.mayAddTags)) return;
    connection.canEdit = canEdit;
    connection.mayChangeText = mayChangeText;
    this.send(connection, encodePermissionMessage(permissionOf(connection, readOnlyReason)));
    if (!canEdit && connection.heldUpdates.length > 0) {
      for (const held of connection.heldUpdates) this.refuseFrom(connection.userId, this.refusedClocks.refuse(this.doc, held.decoded, connection.userId));
      this.dropHeld(connection);
      this.metrics.droppedReadOnlyUpdates.inc();
      connection.close(closeCodes.readOnlyChange, 'This conversation became read-only for you; changes still waiting were not kept.');
    }
  }

  destroy(): void {
    this.closeRelay?.();
    this.closeRelay = undefined;
    this.relay = undefined;
    if (this.recountTimer) clearTimeout(this.recountTimer);
    for (const throttle of this.presenceThrottles.values()) throttle.stop();
    this.presenceThrottles.clear();
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
    this.persistence.close();
    this.versions.close();
    this.bindings.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private onDocumentUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === loadOrigin) return;
    this.pristineState = null;
    if (origin === peerOrigin) {
      // Stored and checked by the process that received it; counted here for the bounds.
      if (this.peerEffects) this.measure.apply(this.peerEffects, update.byteLength);
      else {
        this.measure.bytes += update.byteLength;
        this.recountTimer ??= setTimeout(() => {
          this.recountTimer = undefined;
          this.measure.recount(this.doc);
        }, 200);
      }
      this.pendingUpdates.push({ update, origin: undefined, fromPeer: true });
      this.scheduleFlush();
      return;
    }
    // Only a change that changed something makes its writer an author of the next version
    // (a page that opens sends what it has, usually nothing new).
    if (this.isConnection(origin)) this.versions.noteEdit(origin.userId);
    else if (origin === serverOrigin && this.serverChangeBy) {
      this.versions.noteEdit(this.serverChangeBy);
      this.measure.bytes += update.byteLength;
    }
    // Both wait for the end of this event-loop turn. Scheduled first, this room's fan-out goes
    // before the log's write when this update is the one that starts it (a write another room
    // started this turn goes before).
    this.pendingUpdates.push({ update, origin: this.isConnection(origin) ? origin : undefined, fromPeer: false });
    this.scheduleFlush();
    this.persistence.record(update);
  }

  private onAwarenessUpdate(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    if (this.isConnection(origin)) {
      for (const id of changes.added) origin.awarenessClientIds.add(id);
      for (const id of changes.updated) origin.awarenessClientIds.add(id);
      for (const id of changes.removed) origin.awarenessClientIds.delete(id);
    }
    const own = origin !== peerOrigin && this.relay !== undefined;
    for (const id of [...changes.added, ...changes.updated, ...changes.removed]) {
      this.pendingAwareness.add(id);
      if (own) this.pendingOwnAwareness.add(id);
    }
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
    if (this.relay) this.relayOutgoing(updates);
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

  /** This turn's own changes and presence, to the other processes: peers' changes are not sent back. */
  private relayOutgoing(updates: ReadonlyArray<{ update: Uint8Array; fromPeer: boolean }>): void {
    const relay = this.relay as RoomRelay;
    const own = updates.filter((entry) => !entry.fromPeer);
    const bindings = this.pendingBindings;
    this.pendingBindings = [];
    if (own.length === 1) relay.publishUpdate(own[0]!.update, bindings);
    else if (own.length > 1) relay.publishUpdate(Y.mergeUpdates(own.map((entry) => entry.update)), bindings);
    if (this.pendingOwnAwareness.size > 0) {
      const changed = [...this.pendingOwnAwareness];
      this.pendingOwnAwareness.clear();
      const states = this.awareness.getStates();
      const owners = changed.map((clientId): [number, string] => [clientId, states.has(clientId) ? (this.presenceOwners.get(clientId)?.userId ?? '') : '']);
      relay.publishPresence(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed), owners);
    }
  }

  private isConnection(origin: unknown): origin is SyncConnection {
    return typeof origin === 'object' && origin !== null && this.connections.has(origin as SyncConnection);
  }

  private send(connection: SyncConnection, message: Uint8Array): void {
    if (this.broadcaster.send(connection, message)) this.countSent(1, message.byteLength);
  }

  private countSent(messages: number, bytes: number): void {
    if (messages === 0) return;
    this.metrics.messagesSent.inc(messages);
    this.metrics.bytesSent.inc(messages * bytes);
  }
}

/** What a connection is told of its rights: read-only with the reason, or may edit (whether it may add tags, whether its text is frozen). */
function permissionOf(connection: SyncConnection, readOnlyReason: string): Permission {
  if (!connection.canEdit) return { canEdit: false, reason: readOnlyReason };
  return { canEdit: true, mayAddTags: connection.writer.mayAddTags !== false, ...(connection.mayChangeText ? {} : { textFrozen: true }) };
}
