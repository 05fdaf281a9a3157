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
  /** The stored state's token (new at each compaction; null before the first), for `SharedCompactionStore`. */
  stateToken?: string | null;
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

/** What a shared compaction finds stored, for the process to fold into its document before encoding it. */
export interface StoredSinceKnown {
  /** The stored state, when it is not the one of the token the process knows (another process compacted since). */
  state: Uint8Array | null;
  /** Every log row of the document, oldest first, whoever wrote it. */
  updates: Uint8Array[];
}

/**
 * Compaction when several processes serve one conversation (docs/sync.md, "Compaction"): one
 * at a time per conversation (the conversation's row is locked), and never deleting a log row
 * whose update is not in the state written, whatever the relay delivered: what is stored is
 * read under the lock and given to `fold`, which applies it to the process's document and
 * encodes the result; exactly the rows read are deleted.
 */
export interface SharedCompactionStore {
  compactShared(
    documentId: string,
    knownToken: string | null,
    fold: (stored: StoredSinceKnown) => Omit<Compaction, 'throughSequence'>,
  ): Promise<{ merged: number; token: string | null }>;
}

export function isSharedCompactionStore(store: DocumentStore): store is DocumentStore & SharedCompactionStore {
  return typeof (store as Partial<SharedCompactionStore>).compactShared === 'function';
}
