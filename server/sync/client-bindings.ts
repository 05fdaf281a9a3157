import type { Logger } from 'pino';
import type { ClientBindingStore } from '../../lib/sync/client-binding-store';

/**
 * One open document's bindings of Yjs client ids to users: the first user whose connection
 * writes with a client id owns it in this conversation, for good. Decided in memory, in the
 * order the room receives updates (so two users racing for one id get one answer), and
 * stored at once; a failed write is retried until it lands.
 */
export class ClientBindings {
  private readonly unsaved = new Map<string, number[]>();
  private saving: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 100;
  private closed = false;

  private constructor(
    readonly documentId: string,
    private readonly owners: Map<number, string>,
    private readonly store: ClientBindingStore,
    private readonly log: Logger,
  ) {}

  static async load(documentId: string, store: ClientBindingStore, log: Logger): Promise<ClientBindings> {
    return new ClientBindings(documentId, await store.load(documentId), store, log);
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

  /** Resolves once every binding made so far is stored. */
  async flush(): Promise<void> {
    while (this.saving || this.unsaved.size > 0) {
      if (this.closed && !this.saving) throw new Error('client bindings could not be stored: the room is closed');
      if (!this.saving) this.save();
      await this.saving;
      if (this.unsaved.size > 0 && this.retryTimer) throw new Error('client bindings could not be stored');
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
    this.saving = (async () => {
      try {
        for (const [userId, clientIds] of batch) await this.store.bind(this.documentId, userId, clientIds);
        this.retryDelayMs = 100;
      } catch (error) {
        for (const [userId, clientIds] of batch) this.unsaved.set(userId, [...clientIds, ...(this.unsaved.get(userId) ?? [])]);
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
      if (this.unsaved.size > 0 && !this.retryTimer) this.save();
    })();
  }
}
