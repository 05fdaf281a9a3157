import type { DocumentSummary } from './document-summary';

/**
 * Where conversation documents live: a compacted state plus an append-only log of the
 * updates since. The sync engine knows this interface only; `PostgresDocumentStore` is the
 * one implementation.
 */
export interface StoredDocument {
  /** The compacted Yjs state (`Y.encodeStateAsUpdate`), or null before the first compaction. */
  state: Uint8Array | null;
  /** Log updates after the state, oldest first. */
  updates: Uint8Array[];
  /** The sequence number of the last log row, or null when the log is empty. */
  lastSequence: bigint | null;
}

export interface AppendedUpdate {
  documentId: string;
  update: Uint8Array;
}

export interface Compaction {
  state: Uint8Array;
  plainText: string;
  /** What the activity overview shows of it (`documentSummary`); the engine always gives it, a seeding test may not (the stored one is kept). */
  summary?: DocumentSummary;
  throughSequence: bigint | null;
}

export interface DocumentStore {
  /** The document, or null when no such conversation exists. */
  load(documentId: string): Promise<StoredDocument | null>;
  /**
   * Appends updates of any documents in one write. Returns, per document, the highest
   * sequence number written. Updates of documents that no longer exist are dropped and
   * their ids returned in `missing`.
   */
  append(updates: AppendedUpdate[]): Promise<{ lastSequences: Map<string, bigint>; missing: Set<string> }>;
  /**
   * Replaces the compacted state, plain text and summary, and deletes the log rows up to and
   * including `throughSequence`, in one transaction; the last edit is when the newest of
   * those rows was written. Returns how many log rows were merged.
   */
  compact(documentId: string, compaction: Compaction): Promise<number>;
  /** Log rows not yet compacted, across all documents. */
  countLogRows(): Promise<number>;
}
