import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { VersionReason } from '@/entities/conversation-version';
import { limits } from '@/lib/limits';
import { captureState, deleteSetOfUpdate, needsWholeState, versionUpdate, type CapturedState, type DeleteSet } from '@/lib/versions/version-difference';
import { VersionRefusedError, type LatestVersion, type VersionStore } from '@/lib/versions/version-store';

export interface KeptVersion {
  id: string;
  createdAt: string;
  reason: VersionReason;
}

export interface VersionKeeperOptions {
  /** While the document is being edited, a version is kept at least this often. */
  everyMs: number;
  /** Backoff between attempts to store a version while the database fails. */
  retryDelayMs?: { initial: number; max: number };
}

interface PendingVersion {
  id: string;
  reason: VersionReason;
  label: string | null;
  createdBy: string | null;
  authorIds: string[];
  complete: boolean;
  captured: CapturedState;
  createdAt: Date;
  resolve(kept: KeptVersion): void;
  reject(error: unknown): void;
}

/**
 * The versions of one open document. A version is captured synchronously when it is kept
 * (the live document garbage-collects deleted content, so later would be too late) and
 * stored asynchronously, in position order, retrying while the database fails. Each stored
 * update is the difference from the previous version (its new items and its new deletions),
 * or a whole state for the first version and whenever the differences since the last whole
 * state outgrow it (`needsWholeState`), which bounds what a reconstruction reads.
 */
export class VersionKeeper {
  /** Whether any version was kept, here or before. */
  private hasVersion: boolean;
  /** State vector of the newest version captured: the next difference starts there. */
  private stateVector: Uint8Array | null;
  /** Position of the newest version stored; null: ask the store (after a refusal). */
  private storedPosition: number | null;
  /** Delete set of the newest version stored; undefined until needed after opening. */
  private storedDeleteSet: DeleteSet | undefined;
  private storedVersionId: string | null;
  private sinceComplete: { completeBytes: number; differenceBytes: number };
  /** After a refused version: the next one is whole, placed after what the store holds. */
  private startOver = false;
  private edited = false;
  private readonly authors = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly queue: PendingVersion[] = [];
  private draining = false;
  private readonly flushWaiters: Array<() => void> = [];
  private readonly retryDelayMs: { initial: number; max: number };

  private constructor(
    private readonly documentId: string,
    private readonly doc: Y.Doc,
    private readonly store: VersionStore,
    private readonly options: VersionKeeperOptions,
    private readonly onError: (error: unknown) => void,
    latest: LatestVersion | null,
  ) {
    this.hasVersion = latest !== null;
    this.storedPosition = latest?.position ?? 0;
    this.stateVector = latest?.stateVector ?? null;
    this.storedVersionId = latest?.id ?? null;
    this.sinceComplete = latest?.sinceComplete ?? { completeBytes: 0, differenceBytes: 0 };
    this.retryDelayMs = options.retryDelayMs ?? limits.sync.retryDelayMs;
    // The document lost edits the newest version holds (a crash before its log was written):
    // a difference from that version would bring them back, so the next version is whole.
    const current = Y.encodeStateVector(doc);
    if (latest && !stateVectorCovers(current, latest.stateVector)) this.startOver = true;
    // The document holds edits no version has (the process stopped before its unload
    // version, say): a wipe now must still be preceded by one.
    if (latest && !stateVectorCovers(latest.stateVector, current)) this.edited = true;
  }

  /** The keeper of `doc`, continuing after the versions the store already holds (`latest`: the store's newest, when already asked for). */
  static async open(
    documentId: string,
    doc: Y.Doc,
    store: VersionStore,
    options: VersionKeeperOptions,
    onError: (error: unknown) => void,
    latest: Promise<LatestVersion | null> = store.latest(documentId),
  ): Promise<VersionKeeper> {
    return new VersionKeeper(documentId, doc, store, options, onError, await latest);
  }

  /** After every accepted change: its writer is an author of the next version, which is due within `everyMs`. */
  noteEdit(userId: string): void {
    this.authors.add(userId);
    this.edited = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failure has been reported through onError already.
      this.keep('auto').catch(() => undefined);
    }, this.options.everyMs);
    this.timer.unref();
  }

  /** Captures the document now; resolves once the version is stored. */
  keep(reason: VersionReason, by?: { userId: string; label?: string }): Promise<KeptVersion> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const authorIds = [...this.authors];
    if (by && !this.authors.has(by.userId)) authorIds.push(by.userId);
    this.authors.clear();
    this.edited = false;

    const complete = this.stateVector === null || this.startOver || needsWholeState(this.sinceComplete);
    const captured = captureState(this.doc, complete ? null : this.stateVector);
    this.startOver = false;
    this.hasVersion = true;
    this.stateVector = captured.stateVector;
    if (complete) this.sinceComplete = { completeBytes: captured.structs.byteLength, differenceBytes: 0 };
    else this.sinceComplete = { ...this.sinceComplete, differenceBytes: this.sinceComplete.differenceBytes + captured.structs.byteLength };

    return new Promise<KeptVersion>((resolve, reject) => {
      this.queue.push({
        id: randomUUID(),
        reason,
        label: by?.label ?? null,
        createdBy: by?.userId ?? null,
        authorIds,
        complete,
        captured,
        createdAt: new Date(),
        resolve,
        reject,
      });
      void this.drain();
    });
  }

  /** Keeps a version only if the document was edited since the last one, or has none yet. */
  async keepIfEdited(reason: 'unload' | 'large-deletion'): Promise<void> {
    if (this.edited || !this.hasVersion) await this.keep(reason);
  }

  /** Resolves once every version kept so far is stored (or refused for good). */
  flush(): Promise<void> {
    if (this.queue.length === 0 && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.flushWaiters.push(resolve));
  }

  /** No more automatic versions. Versions already kept are still stored: `flush` waits for them. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    let delayMs = this.retryDelayMs.initial;
    let failing = false;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      try {
        await this.storeVersion(next);
        this.queue.shift();
        delayMs = this.retryDelayMs.initial;
        failing = false;
      } catch (error) {
        if (error instanceof VersionRefusedError) {
          // Every version captured after it is a difference from it: none can be stored.
          this.onError(error);
          for (const refused of this.queue.splice(0)) refused.reject(error);
          this.startOver = true;
          this.storedDeleteSet = undefined;
          this.storedPosition = null;
          break;
        }
        // One report per outage, not one per attempt.
        if (!failing) this.onError(error);
        failing = true;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, this.retryDelayMs.max);
      }
    }
    this.draining = false;
    for (const resolve of this.flushWaiters.splice(0)) resolve();
  }

  private async storeVersion(pending: PendingVersion): Promise<void> {
    let previousDeleteSet: DeleteSet | null = null;
    if (!pending.complete) {
      if (this.storedDeleteSet === undefined) {
        // Opened on versions stored before: the newest one's deletions, from the store.
        const previous = this.storedVersionId ? await this.store.documentAt(this.documentId, this.storedVersionId) : null;
        if (!previous) throw new Error('the previous version is missing from the store');
        this.storedDeleteSet = deleteSetOfUpdate(previous);
      }
      previousDeleteSet = this.storedDeleteSet;
    }
    // Stored in order by this loop alone, so the next position is known here.
    this.storedPosition ??= (await this.store.latest(this.documentId))?.position ?? 0;
    const position = this.storedPosition + 1;
    const stored = await this.store.append(this.documentId, {
      id: pending.id,
      position,
      reason: pending.reason,
      label: pending.label,
      createdBy: pending.createdBy,
      authorIds: pending.authorIds,
      complete: pending.complete,
      update: versionUpdate(pending.captured, previousDeleteSet),
      stateVector: pending.captured.stateVector,
      createdAt: pending.createdAt,
    });
    this.storedPosition = position;
    this.storedVersionId = stored.id;
    this.storedDeleteSet = pending.captured.deleteSet;
    pending.resolve({ id: stored.id, createdAt: stored.createdAt, reason: pending.reason });
  }
}

/** Whether a document at `state` holds everything of one at `other`. */
function stateVectorCovers(state: Uint8Array, other: Uint8Array): boolean {
  const clocks = Y.decodeStateVector(state);
  for (const [client, clock] of Y.decodeStateVector(other)) if ((clocks.get(client) ?? 0) < clock) return false;
  return true;
}
