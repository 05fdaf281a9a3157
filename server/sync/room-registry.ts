import type { Logger } from 'pino';
import { limits } from '@/lib/limits';
import { isSharedCompactionStore, type DocumentStore } from '@/lib/sync/document-store';
import type { UpdateLogWriter } from '@/lib/sync/update-log-writer';
import type { ClientBindingStore } from '@/lib/sync/client-binding-store';
import type { VersionStore } from '@/lib/versions/version-store';
import { ClientBindings } from './client-bindings';
import { ConversationRoom, type ConversationRoomParts } from './conversation-room';
import { DocumentMeasure } from './document-measure';
import { DocumentPersistence } from './document-persistence';
import type { RoomBroadcasterFactory } from './room-broadcaster';
import type { RelayedRoom, RoomRelay } from './relay/room-relay';
import type { SyncMetrics } from './sync-metrics';
import { VersionKeeper } from './version-keeper';

export class DocumentMissingError extends Error {}

interface RoomEntry {
  /** Resolves to the room once loaded; every concurrent first connection awaits the same load. */
  ready: Promise<ConversationRoom>;
  room?: ConversationRoom;
  unloadTimer?: NodeJS.Timeout;
  /** Set while an unload is under way; a newcomer waits for it, then loads afresh if it went through. */
  unloading?: Promise<void>;
}

export interface RoomRegistryOptions {
  unloadAfterMs: number;
  compactAfterLogRows: number;
  compactAfterIdleMs: number;
  versionEveryMs: number;
  largeDeletionFraction: number;
  /** Backoff while a document's compaction fails; `limits.sync.compactionRetryDelayMs` when not given. */
  compactionRetryDelayMs?: { initial: number; max: number };
}

/** The stores and settings every room of this registry is built with. */
export interface RoomParts {
  versionStore: VersionStore;
  bindingStore: ClientBindingStore;
  roomSettings: ConversationRoomParts['settings'];
  /** Multi-process mode: each loaded room relays through this (`RedisRelay`), and compacts as one of several. */
  relay?: { open(documentId: string, room: RelayedRoom): RoomRelay; closeRoom(relay: RoomRelay): void };
}

/**
 * The open documents of this process: one room per conversation, loaded once however many
 * connect at the same moment, unloaded (after everything is written and compacted) when the
 * last connection has been gone for `unloadAfterMs`. A room whose log writes fail stays loaded
 * and tries again later: memory is where unwritten edits live until the database is back. A
 * room whose compaction fails is unloaded all the same once its log is written (the log is
 * the document; compaction only folds it), and compacted at its next load.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, RoomEntry>();

  constructor(
    private readonly store: DocumentStore,
    private readonly writer: UpdateLogWriter,
    private readonly broadcasterFor: RoomBroadcasterFactory,
    private readonly metrics: SyncMetrics,
    private readonly log: Logger,
    private readonly options: RoomRegistryOptions,
    private readonly parts: RoomParts,
  ) {
    metrics.measureRoomsWith(() => this.roomFigures());
  }

  /** The loaded room of a conversation, loading it if needed. Throws `DocumentMissingError`. */
  async acquire(documentId: string, classId: string): Promise<ConversationRoom> {
    for (;;) {
      const entry = this.entries.get(documentId);
      if (entry?.unloading) {
        await entry.unloading;
        continue;
      }
      if (entry) {
        if (entry.unloadTimer) {
          clearTimeout(entry.unloadTimer);
          entry.unloadTimer = undefined;
        }
        return entry.ready;
      }
      const created: RoomEntry = { ready: this.load(documentId, classId) };
      this.entries.set(documentId, created);
      created.ready.then(
        (room) => (created.room = room),
        () => this.entries.delete(documentId),
      );
      return created.ready;
    }
  }

  /** Called when a connection leaves: an empty room is unloaded after a short grace period. */
  release(room: ConversationRoom): void {
    const entry = this.entries.get(room.documentId);
    if (!entry || entry.room !== room || room.connections.size > 0 || room.operations > 0 || entry.unloadTimer || entry.unloading) return;
    entry.unloadTimer = setTimeout(() => {
      entry.unloadTimer = undefined;
      void this.unload(entry, room);
    }, this.options.unloadAfterMs);
  }

  /** Conversations loaded, loading or unloading here. */
  get size(): number {
    return this.entries.size;
  }

  /** The loaded rooms (for revocation and metrics). */
  rooms(): ConversationRoom[] {
    return [...this.entries.values()].flatMap((entry) => (entry.room ? [entry.room] : []));
  }

  room(documentId: string): ConversationRoom | undefined {
    return this.entries.get(documentId)?.room;
  }

  /** Writes and compacts every room, then drops them all: for shutdown. Returns rooms that could not be saved. */
  async persistAll(deadline: number): Promise<string[]> {
    const failed: string[] = [];
    await Promise.all(
      this.rooms().map(async (room) => {
        try {
          await withDeadline(room.storeEverything(), deadline, 'shutdown deadline passed');
        } catch (error) {
          failed.push(room.documentId);
          this.log.error({ err: error, conversationId: room.documentId }, 'could not store a document at shutdown');
        }
      }),
    );
    for (const entry of this.entries.values()) {
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      entry.room?.destroy();
    }
    this.entries.clear();
    return failed;
  }

  /** The figures of the room gauges, counted when they are scraped. */
  private roomFigures(): { open: number; pendingLogRows: number; failingCompaction: number } {
    const rooms = this.rooms();
    return {
      open: rooms.length,
      pendingLogRows: rooms.reduce((sum, room) => sum + room.persistence.pendingLogRows, 0),
      failingCompaction: rooms.filter((room) => room.persistence.compactionFailing).length,
    };
  }

  /** Builds a room with everything it needs: its document, persistence, versions and client bindings. */
  private async load(documentId: string, classId: string): Promise<ConversationRoom> {
    const stored = await this.store.load(documentId);
    if (!stored) throw new DocumentMissingError(documentId);
    // Asked before the document is built (for a long one a synchronous apply of 50 to 150 ms),
    // so that PostgreSQL answers meanwhile; asked after the state was read, so the bindings
    // hold every client id that was bound when it was.
    const latestVersion = this.parts.versionStore.latest(documentId);
    const loadedBindings = ClientBindings.load(documentId, this.parts.bindingStore, this.log);
    // Awaited below, unless building the room fails first: then nobody waits for them.
    for (const pending of [latestVersion, loadedBindings]) pending.catch(() => undefined);
    const doc = ConversationRoom.loadDocument(stored.state, stored.updates);
    const relay = this.parts.relay;
    if (relay && !isSharedCompactionStore(this.store)) throw new Error('multi-process mode needs a document store with shared compaction');
    let room: ConversationRoom | undefined;
    // Multi-process mode: the bindings and refusals other processes stored, learnt here.
    const learnRules = async () => {
      const refused = this.parts.bindingStore.loadRefused(documentId).then(
        (found) => room?.applyPeerRefusals(found),
        () => undefined,
      );
      await Promise.all([room ? this.learnStoredBindings(documentId, room.bindings) : undefined, refused]);
    };
    try {
      const measure = DocumentMeasure.of(doc, (stored.state?.byteLength ?? 0) + stored.updates.reduce((sum, update) => sum + update.byteLength, 0));
      const [versions, bindings] = await Promise.all([
        VersionKeeper.open(
          documentId,
          doc,
          this.parts.versionStore,
          { everyMs: this.options.versionEveryMs },
          (error) => {
            this.metrics.errors.inc({ kind: 'version' });
            this.log.warn({ err: error, conversationId: documentId }, 'could not store a version; will retry');
          },
          latestVersion,
        ),
        loadedBindings,
      ]);
      const persistence = new DocumentPersistence(
        documentId,
        doc,
        this.store,
        this.writer,
        {
          compactAfterLogRows: this.options.compactAfterLogRows,
          compactAfterIdleMs: this.options.compactAfterIdleMs,
          compactionRetryDelayMs: this.options.compactionRetryDelayMs,
        },
        { lastSequence: stored.lastSequence, logRows: stored.updates.length },
        {
          // The size bound counts every update applied since the last exact figure, which each
          // compaction gives (so a room open all day is not held to what it once was).
          stateEncoded: (bytes) => measure.compacted(bytes),
          // One line when a document's compaction starts failing and one when it recovers, not one per try.
          failed: (error, firstInARow) => {
            this.metrics.errors.inc({ kind: 'compaction' });
            if (!firstInARow) return;
            this.log.warn({ err: error, conversationId: documentId }, 'compaction failing; retrying with backoff (the update log keeps every edit)');
          },
          recovered: (failures) => {
            this.log.info({ conversationId: documentId, failures }, 'compaction recovered');
          },
        },
        (clientId) => bindings.ownerOf(clientId),
        relay && isSharedCompactionStore(this.store)
          ? {
              store: this.store,
              token: stored.stateToken ?? null,
              fold: (found) => {
                room?.foldStored(found);
                // Whose the client ids folded in are: stored by the processes that bound them.
                if (found.updates.length > 0 || found.state) void this.learnStoredBindings(documentId, bindings);
              },
            }
          : undefined,
      );
      room = new ConversationRoom({
        documentId,
        classId,
        doc,
        pristineState: stored.state && stored.updates.length === 0 ? stored.state : null,
        measure,
        persistence,
        versions,
        bindings,
        broadcaster: this.broadcasterFor(documentId),
        metrics: this.metrics,
        settings: this.parts.roomSettings,
        largeDeletionFraction: this.options.largeDeletionFraction,
        loadStored: async () => {
          const [found] = await Promise.all([this.store.load(documentId), learnRules()]);
          return found;
        },
        loadStoredRules: () => learnRules(),
      });
      if (relay) {
        const link = relay.open(documentId, room);
        room.relayThrough(link, () => relay.closeRoom(link));
      }
      return room;
    } catch (error) {
      doc.destroy();
      throw error;
    }
  }

  /** Multi-process mode: the client-id bindings other processes stored, learnt by this room's (`ClientBindings.learn`). */
  private async learnStoredBindings(documentId: string, bindings: ClientBindings): Promise<void> {
    try {
      bindings.learn(await this.parts.bindingStore.load(documentId));
    } catch (error) {
      this.log.warn({ err: error, conversationId: documentId }, 'could not read the stored client bindings');
    }
  }

  private async unload(entry: RoomEntry, room: ConversationRoom): Promise<void> {
    let finish!: () => void;
    entry.unloading = new Promise((resolve) => (finish = resolve));
    try {
      // Bounded, so that a newcomer waiting on this unload is not held up by a database outage.
      await withDeadline(room.storeEverything(), Date.now() + limits.sync.unloadDeadlineMs, 'unload deadline passed');
      if (room.connections.size > 0 || room.operations > 0) return; // Someone arrived while we were writing: keep it.
      this.entries.delete(room.documentId);
      room.destroy();
    } catch (error) {
      this.metrics.errors.inc({ kind: 'unload' });
      this.log.warn({ err: error, conversationId: room.documentId }, 'could not store a document to unload it; keeping it loaded');
      // Try again later; the edits stay in memory meanwhile.
      entry.unloadTimer = setTimeout(() => {
        entry.unloadTimer = undefined;
        void this.unload(entry, room);
      }, Math.max(this.options.unloadAfterMs, limits.sync.unloadRetryDelayMs));
    } finally {
      entry.unloading = undefined;
      finish();
    }
  }
}

/** `promise`, or a rejection with `problem` once `deadline` (a time) has passed: for shutdown and unloads. */
function withDeadline<T>(promise: Promise<T>, deadline: number, problem: string): Promise<T> {
  const remaining = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(problem)), remaining)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
