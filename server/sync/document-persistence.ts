import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import type { DocumentStore, SharedCompactionStore, StoredSinceKnown } from '@/lib/sync/document-store';
import { documentSummary, type ClientOwner } from '@/lib/sync/document-summary';
import { documentPlainText } from '@/lib/sync/document-text';
import type { LoggedDocument, UpdateLogWriter } from '@/lib/sync/update-log-writer';

/** What a document's persistence tells its owner about its compactions. */
export interface CompactionReports {
  /** The exact encoded size of the document, each time a compaction encodes it (the room's size bound). */
  stateEncoded(bytes: number): void;
  /** A compaction failed; `firstInARow` when the one before it succeeded (or there was none). */
  failed(error: unknown, firstInARow: boolean): void;
  /** A compaction succeeded after `failures` failed ones in a row. */
  recovered(failures: number): void;
}

/**
 * Several processes serve the document (multi-process mode): compactions go through the
 * store's shared compaction, which hands over what is stored (`StoredSinceKnown`) for `fold`
 * to apply to the document before it is encoded.
 */
export interface SharedCompaction {
  store: SharedCompactionStore;
  /** The stored state's token as loaded. */
  token: string | null;
  fold(stored: StoredSinceKnown): void;
}

export interface PersistencePolicy {
  compactAfterLogRows: number;
  compactAfterIdleMs: number;
  /** Backoff between attempts while compaction fails (`limits.sync.compactionRetryDelayMs`). */
  compactionRetryDelayMs?: { initial: number; max: number };
}

/**
 * One open document's side of persistence: its updates go to the shared log writer, and it
 * is compacted into the conversation's state when enough log rows pile up, when it has been
 * idle a while, and when it is unloaded. Compactions of a document never overlap. One that
 * fails is tried again with backoff (and meanwhile the log, which holds every edit, is the
 * document): it is reported when it starts failing and when it recovers, not at every try.
 */
export class DocumentPersistence implements LoggedDocument {
  /** The highest log sequence known written; every row up to it is in the in-memory doc. */
  private lastSequence: bigint | null;
  private rowsSinceCompaction: number;
  private compacting: Promise<void> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** When the last update was recorded (the idle timer, set once, waits out the rest when it fires). */
  private lastRecordedAt = 0;
  /** Compactions failed in a row, and the timer of the next try while they fail. */
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly retryDelayMs: { initial: number; max: number };

  constructor(
    readonly documentId: string,
    private readonly doc: Y.Doc,
    private readonly store: DocumentStore,
    private readonly writer: UpdateLogWriter,
    private readonly policy: PersistencePolicy,
    loaded: { lastSequence: bigint | null; logRows: number },
    private readonly reports: CompactionReports,
    /** Whose each client id is (the room's bindings), for the summary's characters per author. */
    private readonly ownerOf: ClientOwner = () => undefined,
    private readonly shared?: SharedCompaction,
  ) {
    this.lastSequence = loaded.lastSequence;
    this.rowsSinceCompaction = loaded.logRows;
    this.retryDelayMs = policy.compactionRetryDelayMs ?? limits.sync.compactionRetryDelayMs;
    if (loaded.logRows > 0) this.scheduleIdleCompaction();
  }

  /** True while compactions fail (since the last one that worked). */
  get compactionFailing(): boolean {
    return this.failures > 0;
  }

  /** Log rows of this document not yet folded into its state. */
  get pendingLogRows(): number {
    return this.rowsSinceCompaction;
  }

  /** An update applied to the document: queue it for the log. */
  record(update: Uint8Array): void {
    this.writer.enqueue(this.documentId, update, this);
    this.scheduleIdleCompaction();
  }

  /** Told by the writer that our updates are written, in `rows` log rows, up to `sequence`. */
  written(sequence: bigint, rows: number): void {
    if (this.lastSequence === null || sequence > this.lastSequence) this.lastSequence = sequence;
    this.rowsSinceCompaction += rows;
    if (this.rowsSinceCompaction >= this.policy.compactAfterLogRows) this.compactUnlessBackingOff();
  }

  /** Waits until every update recorded so far is written. */
  flush(): Promise<void> {
    return this.writer.whenWritten(this.documentId);
  }

  /**
   * Folds the written log into the stored state (and plain text), then deletes those rows.
   * Rejects if that fails, after reporting it and scheduling the next try.
   */
  compact(): Promise<void> {
    this.compacting ??= this.compactOnce()
      .then(
        () => this.compactionSucceeded(),
        (error: unknown) => {
          this.compactionFailed(error);
          throw error;
        },
      )
      .finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /**
   * Writes every update to the log, then tries to compact: what unloading and shutdown do.
   * Throws only if the log cannot be written. A compaction that fails leaves the document
   * safe all the same (every edit is in the log, and the next load replays it), so it does
   * not keep the document in memory: it is reported, and tried again at the next load.
   */
  async persistFully(): Promise<void> {
    await this.flush();
    if (this.compacting) await this.compacting.catch(() => undefined);
    if (this.rowsSinceCompaction > 0) await this.compact().catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** A compaction for a routine reason (log rows, idleness): not while a retry is scheduled. */
  private compactUnlessBackingOff(): void {
    if (this.retryTimer || this.closed) return;
    void this.compact().catch(() => undefined);
  }

  private compactionSucceeded(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    // Rows written while it ran are left: they are folded in once the document is idle again.
    if (this.rowsSinceCompaction > 0 && !this.idleTimer && !this.closed) this.armIdleTimer(this.policy.compactAfterIdleMs);
    const failures = this.failures;
    this.failures = 0;
    if (failures > 0) this.reports.recovered(failures);
  }

  private compactionFailed(error: unknown): void {
    this.failures += 1;
    this.reports.failed(error, this.failures === 1);
    if (this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const delay = Math.min(this.retryDelayMs.max, this.retryDelayMs.initial * 2 ** Math.min(this.failures - 1, 30));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.rowsSinceCompaction > 0) this.compactUnlessBackingOff();
    }, delay);
    this.retryTimer.unref();
  }

  private async compactOnce(): Promise<void> {
    if (this.shared) return this.compactShared(this.shared);
    const throughSequence = this.lastSequence;
    // Every log row up to `throughSequence` was applied to the doc before it was written,
    // so the state encoded now contains them all (and perhaps newer edits, which is harmless:
    // replaying their rows later changes nothing).
    const state = Y.encodeStateAsUpdate(this.doc);
    this.reports.stateEncoded(state.byteLength);
    const plainText = documentPlainText(this.doc);
    const summary = documentSummary(this.doc, this.ownerOf);
    const merged = await this.store.compact(this.documentId, { state, plainText, summary, throughSequence });
    this.rowsSinceCompaction = Math.max(0, this.rowsSinceCompaction - merged);
  }

  /**
   * With several processes: the stored state (when another process compacted since) and every
   * log row, whoever wrote it, are folded into the document under the conversation's lock,
   * then the document is encoded and exactly the rows read are deleted. So a row is deleted
   * only once its update is in the state written, whatever the relay delivered or dropped.
   */
  private async compactShared(shared: SharedCompaction): Promise<void> {
    const { merged, token } = await shared.store.compactShared(this.documentId, shared.token, (stored) => {
      shared.fold(stored);
      const state = Y.encodeStateAsUpdate(this.doc);
      this.reports.stateEncoded(state.byteLength);
      return { state, plainText: documentPlainText(this.doc), summary: documentSummary(this.doc, this.ownerOf) };
    });
    shared.token = token;
    this.rowsSinceCompaction = Math.max(0, this.rowsSinceCompaction - merged);
  }

  /**
   * Compacts once no update has been recorded for `compactAfterIdleMs`. One timer, not one
   * per update: when it fires early (updates came meanwhile) it waits out the rest.
   */
  private scheduleIdleCompaction(): void {
    this.lastRecordedAt = performance.now();
    if (this.closed || this.idleTimer) return;
    this.armIdleTimer(this.policy.compactAfterIdleMs);
  }

  private armIdleTimer(delayMs: number): void {
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.closed) return;
      const idleFor = performance.now() - this.lastRecordedAt;
      if (idleFor < this.policy.compactAfterIdleMs) return this.armIdleTimer(this.policy.compactAfterIdleMs - idleFor);
      if (this.rowsSinceCompaction > 0) this.compactUnlessBackingOff();
      // Some of its updates are still on their way to the log (gathering, or the database is
      // away): look again once they may be there, so they are compacted too.
      if (this.writer.unwrittenCount(this.documentId) > 0) this.armIdleTimer(this.policy.compactAfterIdleMs);
    }, delayMs);
    this.idleTimer.unref();
  }
}
