import * as Y from 'yjs';
import type { DocumentStore } from '../../lib/sync/document-store';
import { documentPlainText } from '../../lib/sync/document-text';
import type { UpdateLogWriter } from '../../lib/sync/update-log-writer';

/**
 * One open document's side of persistence: its updates go to the shared log writer, and it
 * is compacted into the conversation's state when enough log rows pile up, when it has been
 * idle a while, and when it is unloaded. Compactions of a document never overlap.
 */
export class DocumentPersistence {
  /** The highest log sequence known written; every row up to it is in the in-memory doc. */
  private lastSequence: bigint | null;
  private rowsSinceCompaction: number;
  private compacting: Promise<void> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly documentId: string,
    private readonly doc: Y.Doc,
    private readonly store: DocumentStore,
    private readonly writer: UpdateLogWriter,
    private readonly policy: { compactAfterLogRows: number; compactAfterIdleMs: number },
    loaded: { lastSequence: bigint | null; logRows: number },
    private readonly onError: (kind: string, error: unknown) => void,
  ) {
    this.lastSequence = loaded.lastSequence;
    this.rowsSinceCompaction = loaded.logRows;
    if (loaded.logRows > 0) this.scheduleIdleCompaction();
  }

  /** Log rows of this document not yet folded into its state. */
  get pendingLogRows(): number {
    return this.rowsSinceCompaction;
  }

  /** An update applied to the document: queue it for the log. */
  record(update: Uint8Array): void {
    this.writer.enqueue(this.documentId, update);
    this.scheduleIdleCompaction();
  }

  /** Told by the writer that `count` of our updates are written, up to `sequence`. */
  written(sequence: bigint, count: number): void {
    if (this.lastSequence === null || sequence > this.lastSequence) this.lastSequence = sequence;
    this.rowsSinceCompaction += count;
    if (this.rowsSinceCompaction >= this.policy.compactAfterLogRows) void this.compact().catch((error: unknown) => this.onError('compaction', error));
  }

  /** Waits until every update recorded so far is written. */
  flush(): Promise<void> {
    return this.writer.whenWritten(this.documentId);
  }

  /** Folds the written log into the stored state (and plain text), then deletes those rows. */
  compact(): Promise<void> {
    this.compacting ??= this.compactOnce().finally(() => (this.compacting = undefined));
    return this.compacting;
  }

  /** Writes everything and compacts: what unloading and shutdown do. Throws if the database refuses. */
  async persistFully(): Promise<void> {
    await this.flush();
    if (this.compacting) await this.compacting;
    if (this.rowsSinceCompaction > 0) await this.compact();
  }

  close(): void {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
  }

  private async compactOnce(): Promise<void> {
    const throughSequence = this.lastSequence;
    // Every log row up to `throughSequence` was applied to the doc before it was written,
    // so the state encoded now contains them all (and perhaps newer edits, which is harmless:
    // replaying their rows later changes nothing).
    const state = Y.encodeStateAsUpdate(this.doc);
    const plainText = documentPlainText(this.doc);
    const merged = await this.store.compact(this.documentId, { state, plainText, throughSequence });
    this.rowsSinceCompaction = Math.max(0, this.rowsSinceCompaction - merged);
  }

  private scheduleIdleCompaction(): void {
    if (this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.rowsSinceCompaction > 0) void this.compact().catch((error: unknown) => this.onError('compaction', error));
    }, this.policy.compactAfterIdleMs);
    this.idleTimer.unref();
  }
}
