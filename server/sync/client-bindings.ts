import type { Logger } from 'pino';
import type { ClientBindingStore, RefusedFrom } from '@/lib/sync/client-binding-store';

/**
 * One open document's bindings of Yjs client ids to users: the first user whose connection
 * writes with a client id owns it in this conversation, for good. Decided in memory, in the
 * order the room receives updates (so two users racing for one id get one answer), and
 * stored at once; a failed write is retried until it lands.
 */
export class ClientBindings {
  private readonly unsaved = new Map<string, number[]>();
  /** Refused content to store (`refuse`), per user: client id → first refused clock. */
  private readonly unsavedRefusals = new Map<string, Map<number, number>>();
  private saving: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 100;
  private closed = false;

  private constructor(
    readonly documentId: string,
    private readonly owners: Map<number, string>,
    /** What earlier loads of the room refused from read-only writers, as stored. */
    readonly refusedBefore: RefusedFrom[],
    private readonly store: ClientBindingStore,
    private readonly log: Logger,
  ) {}

  static async load(documentId: string, store: ClientBindingStore, log: Logger): Promise<ClientBindings> {
    const [owners, refused] = await Promise.all([store.load(documentId), store.loadRefused(documentId)]);
    return new ClientBindings(documentId, owners, refused, store, log);
  }

  /** How many client ids are bound. */
  get size(): number {
    return this.owners.size;
  }

  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }

  /** The first of `clientIds` bound to someone other than `userId`, if any. */
  boundToOther(clientIds: Iterable<number>, userId: string): number | undefined {
    for (const clientId of clientIds) {
      const owner = this.owners.get(clientId);
      if (owner !== undefined && owner !== userId) return clientId;
    }
    return undefined;
  }

  /** How many of `clientIds` are bound to nobody yet. */
  countUnbound(clientIds: Iterable<number>): number {
    let count = 0;
    for (const clientId of clientIds) if (!this.owners.has(clientId)) count++;
    return count;
  }

  /**
   * Bindings made by another process (multi-process mode), which stores them itself: known
   * here from now on, so that nobody on this process writes with another person's client id.
   * An id already bound here keeps its owner.
   */
  learn(bindings: Iterable<[clientId: number, userId: string]>): void {
    for (const [clientId, userId] of bindings) if (!this.owners.has(clientId) && userId !== '') this.owners.set(clientId, userId);
  }

  /** Whether bindings can be claimed in the store before they are made (`claim`): multi-process mode needs it. */
  get canClaim(): boolean {
    return typeof this.store.claim === 'function';
  }

  /**
   * Several processes: claims the client ids for `userId` in the store first, so that the
   * first claim in the database wins whichever process it came through; learns whose each is
   * and what was refused of them (for `RefusedClocks.seed`).
   */
  async claim(clientIds: number[], userId: string): Promise<RefusedFrom[]> {
    if (!this.store.claim) return [];
    const { owners, refused } = await this.store.claim(this.documentId, userId, clientIds);
    this.learn(owners);
    return refused;
  }

  /** Binds the unbound ones among `clientIds` to `userId`, now, and stores them. */
  bind(clientIds: Iterable<number>, userId: string): void {
    const fresh: number[] = [];
    for (const clientId of clientIds) {
      if (this.owners.has(clientId)) continue;
      this.owners.set(clientId, userId);
      fresh.push(clientId);
    }
    if (fresh.length === 0) return;
    this.unsaved.set(userId, [...(this.unsaved.get(userId) ?? []), ...fresh]);
    this.save();
  }

  /**
   * Stores content refused from a read-only writer (`RefusedClocks.refuse`), so it is refused
   * again after an unload or a restart. Client ids bound to someone else are skipped: their
   * binding refuses this writer already. Unbound ones are bound to the writer.
   */
  refuse(userId: string, refused: Array<{ clientId: number; fromClock: number }>): void {
    const own = refused.filter(({ clientId }) => {
      const owner = this.owners.get(clientId);
      return owner === undefined || owner === userId;
    });
    if (own.length === 0) return;
    for (const { clientId } of own) if (!this.owners.has(clientId)) this.owners.set(clientId, userId);
    const pending = this.unsavedRefusals.get(userId) ?? new Map<number, number>();
    for (const { clientId, fromClock } of own) pending.set(clientId, Math.min(fromClock, pending.get(clientId) ?? fromClock));
    this.unsavedRefusals.set(userId, pending);
    this.save();
  }

  /** Resolves once every binding made so far is stored. */
  async flush(): Promise<void> {
    while (this.saving || this.unsaved.size > 0 || this.unsavedRefusals.size > 0) {
      if (this.closed && !this.saving) throw new Error('client bindings could not be stored: the room is closed');
      if (!this.saving) this.save();
      await this.saving;
      if ((this.unsaved.size > 0 || this.unsavedRefusals.size > 0) && this.retryTimer) throw new Error('client bindings could not be stored');
    }
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private save(): void {
    if (this.saving || this.closed) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    const batch = [...this.unsaved];
    this.unsaved.clear();
    const refusals = [...this.unsavedRefusals];
    this.unsavedRefusals.clear();
    this.saving = (async () => {
      try {
        for (const [userId, clientIds] of batch) await this.store.bind(this.documentId, userId, clientIds);
        for (const [userId, refused] of refusals) {
          await this.store.refuse(this.documentId, userId, [...refused].map(([clientId, fromClock]) => ({ clientId, fromClock })));
        }
        this.retryDelayMs = 100;
      } catch (error) {
        for (const [userId, clientIds] of batch) this.unsaved.set(userId, [...clientIds, ...(this.unsaved.get(userId) ?? [])]);
        for (const [userId, refused] of refusals) {
          const pending = this.unsavedRefusals.get(userId) ?? new Map<number, number>();
          for (const [clientId, fromClock] of refused) pending.set(clientId, Math.min(fromClock, pending.get(clientId) ?? fromClock));
          this.unsavedRefusals.set(userId, pending);
        }
        this.log.warn({ err: error, conversationId: this.documentId }, 'could not store client bindings; retrying');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.save();
        }, this.retryDelayMs);
        this.retryTimer.unref();
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5_000);
      } finally {
        this.saving = undefined;
      }
      if ((this.unsaved.size > 0 || this.unsavedRefusals.size > 0) && !this.retryTimer) this.save();
    })();
  }
}
