import type { AppendedUpdate, DocumentStore } from './document-store';

export interface UpdateLogWriterOptions {
  /** Most updates written in one statement. */
  maxBatchUpdates: number;
  /**
   * The shortest time between the starts of two writes that an idle writer keeps (0: none).
   * An update that finds the writer idle goes out at the end of the event-loop turn (with
   * the turn's others) when the last write started at least this long ago (the first after
   * a quiet spell, or a slow typist's every keystroke); otherwise it waits for the rest of
   * the window, for company. Updates that arrive while a write is in flight wait for no
   * window: they go out as soon as that write ends. So an edit reaches the database within
   * this window (or `companyMs`, whichever is longer) plus one write, or the rest of one write
   * plus its own, and a document typed into steadily costs one transaction per window, not
   * one per keystroke.
   */
  gatherMs?: number;
  /**
   * A stream's company (0: none). An update that would go out alone at the end of its turn
   * (the writer idle, its window passed, nothing else queued) while the one before it was
   * queued less than this long ago waits instead, for at most this long, for the next: the
   * stream's next update sends both at the end of its own turn. So a lone fast typist (20
   * keystrokes a second, one every 50 ms: too far apart for `gatherMs` to gather) shares a
   * write between two keystrokes whenever the second comes in time, and no timer fires while
   * they come faster than one per `companyMs` (at about that pace, whether each one waits
   * depends on the jitter); an update that comes after a pause (the writer's previous update,
   * of any document, longer ago) still goes out in its own turn. Such an update is in the
   * database within this plus one write.
   */
  companyMs?: number;
  /**
   * Merges several updates of one document into one (`Y.mergeUpdates`). Given, a batch stores
   * one log row per document instead of one per update: the rows (and with them their
   * inserts, their deletions at compaction and their write-ahead log) shrink by the updates a
   * window gathers per document. Should it throw, that document's updates are stored one by one.
   */
  mergeUpdates?: (updates: Uint8Array[]) => Uint8Array;
  /** First retry delay after a failed write; doubles up to `maxRetryDelayMs`. */
  initialRetryDelayMs: number;
  maxRetryDelayMs: number;
  /**
   * Called after each successful write, once every document's log has acknowledged its
   * updates (`LoggedDocument.written`), with the highest sequence and the rows written per document.
   */
  onWritten?: (lastSequences: Map<string, bigint>, counts: Map<string, number>) => void;
  /** Called when a document's updates were dropped because it no longer exists. */
  onMissing?: (documentId: string) => void;
  /** Called with each write's duration and size, and with each failure. */
  onWriteTimed?: (seconds: number, updates: number, bytes: number) => void;
  onWriteFailed?: (error: unknown, pendingUpdates: number) => void;
}

/** Who an update was enqueued for: told how many log rows its written updates took, up to which log sequence. */
export interface LoggedDocument {
  written(sequence: bigint, rows: number): void;
}

interface Pending extends AppendedUpdate {
  bytes: number;
  from?: LoggedDocument;
}

/**
 * Group commit for the update log. Updates are queued as they arrive and each write is one
 * INSERT of everything queued (one row per document, given `mergeUpdates`): an update that
 * finds the writer idle goes out at the end of the event-loop turn unless a write started
 * less than `gatherMs` ago (then it waits for the rest of that window, for company) or it is
 * a stream's lone update (then it waits up to `companyMs` for the stream's next); one that
 * arrives during a write goes out when it ends.
 * Under heavy load, batches grow instead of queues.
 * A failed write keeps its updates, in order, at the head of the queue and is retried with
 * exponential backoff: editing never waits for the database, and nothing is dropped.
 */
export class UpdateLogWriter {
  private queue: Pending[] = [];
  private writing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private gatherTimer: NodeJS.Timeout | undefined;
  private turnEnd: NodeJS.Immediate | undefined;
  /** While a stream's lone update waits for company (`companyMs`). */
  private companyTimer: NodeJS.Timeout | undefined;
  /** When the last update was queued (`performance.now()`). */
  private lastEnqueuedAt = Number.NEGATIVE_INFINITY;
  /** When the last write started (`performance.now()`); -Infinity before the first. */
  private lastWriteStartedAt = Number.NEGATIVE_INFINITY;
  private retryDelayMs: number;
  private idleWaiters: Array<() => void> = [];
  /** Unwritten updates per document, and who waits for each to reach zero. */
  private unwritten = new Map<string, number>();
  private documentWaiters = new Map<string, Array<() => void>>();
  private stopped = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: UpdateLogWriterOptions,
  ) {
    this.retryDelayMs = options.initialRetryDelayMs;
  }

  /** Queues an update of `documentId`; once it is written, `from` is told (`LoggedDocument.written`). */
  enqueue(documentId: string, update: Uint8Array, from?: LoggedDocument): void {
    this.queue.push({ documentId, update, bytes: update.byteLength, from });
    this.unwritten.set(documentId, (this.unwritten.get(documentId) ?? 0) + 1);
    const now = performance.now();
    const sincePrevious = now - this.lastEnqueuedAt;
    this.lastEnqueuedAt = now;
    if (this.companyTimer) {
      // The company it waited for: both go out at the end of this turn.
      clearTimeout(this.companyTimer);
      this.companyTimer = undefined;
      this.endOfTurn();
      return;
    }
    if (this.gatherTimer || this.turnEnd || this.writing || this.retryTimer || this.stopped) return;
    const wait = this.lastWriteStartedAt + (this.options.gatherMs ?? 0) - now;
    if (wait > 0) {
      // The last write started within the window: with whatever else arrives in the rest of it.
      this.gatherTimer = setTimeout(() => {
        this.gatherTimer = undefined;
        this.kick();
      }, wait);
      return;
    }
    const companyMs = this.options.companyMs ?? 0;
    if (this.queue.length === 1 && sincePrevious < companyMs) {
      // One of a stream, alone: the stream's next update brings it company, or this timer ends the wait.
      this.companyTimer = setTimeout(() => {
        this.companyTimer = undefined;
        this.kick();
      }, companyMs);
      return;
    }
    this.endOfTurn();
  }

  /** At the end of this event-loop turn: with the turn's other updates, after its fan-out. */
  private endOfTurn(): void {
    this.turnEnd ??= setImmediate(() => {
      this.turnEnd = undefined;
      this.kick();
    });
  }

  /** Updates queued or being written. */
  get pendingCount(): number {
    return this.queue.length + (this.writing ? 1 : 0);
  }

  /** Unwritten updates of this document. */
  unwrittenCount(documentId: string): number {
    return this.unwritten.get(documentId) ?? 0;
  }

  /** Resolves once every update of this document queued so far is written (or dropped as missing); whoever waits does not wait for the gathering window. */
  whenWritten(documentId: string): Promise<void> {
    if (!this.unwritten.has(documentId)) return Promise.resolve();
    this.kick();
    return new Promise((resolve) => {
      const waiters = this.documentWaiters.get(documentId) ?? [];
      waiters.push(resolve);
      this.documentWaiters.set(documentId, waiters);
    });
  }

  /** Resolves once everything queued so far is written (waits through retries). */
  whenIdle(): Promise<void> {
    if (this.queue.length === 0 && !this.writing) return Promise.resolve();
    this.kick();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Retries at once instead of waiting for the backoff (after the database is known to be back). */
  retryNow(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    this.kick();
  }

  /** Stops scheduling retries; queued updates stay queued (see `pendingCount`). */
  stop(): void {
    // What is gathering goes out now.
    if (this.gatherTimer || this.turnEnd || this.companyTimer) this.kick();
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private markWritten(documentId: string, count: number): void {
    const left = (this.unwritten.get(documentId) ?? 0) - count;
    if (left > 0) {
      this.unwritten.set(documentId, left);
      return;
    }
    this.unwritten.delete(documentId);
    for (const resolve of this.documentWaiters.get(documentId) ?? []) resolve();
    this.documentWaiters.delete(documentId);
  }

  /** Tells each document of a written batch (its last enqueuer) how many rows its updates took, up to which sequence. */
  private acknowledge(batch: Pending[], lastSequences: Map<string, bigint>, rows: Map<string, number>): void {
    const documents = new Map<string, LoggedDocument>();
    for (const entry of batch) if (entry.from) documents.set(entry.documentId, entry.from);
    for (const [documentId, sequence] of lastSequences) documents.get(documentId)?.written(sequence, rows.get(documentId) ?? 0);
  }

  /** The rows of a batch: one per document when updates can be merged (in the order of each document's first update), else one per update. */
  private rowsOf(batch: Pending[]): AppendedUpdate[] {
    const merge = this.options.mergeUpdates;
    if (!merge || batch.length < 2) return batch;
    const byDocument = new Map<string, Uint8Array[]>();
    for (const entry of batch) {
      const updates = byDocument.get(entry.documentId);
      if (updates) updates.push(entry.update);
      else byDocument.set(entry.documentId, [entry.update]);
    }
    if (byDocument.size === batch.length) return batch;
    const rows: AppendedUpdate[] = [];
    for (const [documentId, updates] of byDocument) {
      if (updates.length === 1) {
        rows.push({ documentId, update: updates[0]! });
        continue;
      }
      let merged: Uint8Array | undefined;
      try {
        merged = merge(updates);
      } catch {
        merged = undefined;
      }
      if (merged) rows.push({ documentId, update: merged });
      else for (const update of updates) rows.push({ documentId, update });
    }
    return rows;
  }

  private kick(): void {
    if (this.writing || this.retryTimer || this.queue.length === 0 || this.stopped) return;
    if (this.gatherTimer) {
      clearTimeout(this.gatherTimer);
      this.gatherTimer = undefined;
    }
    if (this.turnEnd) {
      clearImmediate(this.turnEnd);
      this.turnEnd = undefined;
    }
    if (this.companyTimer) {
      clearTimeout(this.companyTimer);
      this.companyTimer = undefined;
    }
    void this.writeBatch();
  }

  private async writeBatch(): Promise<void> {
    this.writing = true;
    const batch = this.queue.splice(0, this.options.maxBatchUpdates);
    const started = performance.now();
    this.lastWriteStartedAt = started;
    try {
      const rows = this.rowsOf(batch);
      const { lastSequences, missing } = await this.store.append(rows);
      const bytes = batch.reduce((sum, entry) => sum + entry.bytes, 0);
      this.options.onWriteTimed?.((performance.now() - started) / 1000, batch.length, bytes);
      const counts = new Map<string, number>();
      for (const entry of batch) counts.set(entry.documentId, (counts.get(entry.documentId) ?? 0) + 1);
      for (const [documentId, count] of counts) this.markWritten(documentId, count);
      const rowCounts = new Map<string, number>();
      for (const row of rows) if (!missing.has(row.documentId)) rowCounts.set(row.documentId, (rowCounts.get(row.documentId) ?? 0) + 1);
      this.retryDelayMs = this.options.initialRetryDelayMs;
      this.writing = false;
      for (const documentId of missing) this.options.onMissing?.(documentId);
      this.acknowledge(batch, lastSequences, rowCounts);
      this.options.onWritten?.(lastSequences, rowCounts);
    } catch (error) {
      this.queue.unshift(...batch);
      this.writing = false;
      this.options.onWriteFailed?.(error, this.queue.length);
      if (!this.stopped) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.kick();
        }, this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.options.maxRetryDelayMs);
      }
      return;
    }
    if (this.queue.length > 0) {
      this.kick();
    } else {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
