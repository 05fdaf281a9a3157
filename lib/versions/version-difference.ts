import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { limits } from '@/lib/limits';

/** A delete set as Yjs keeps it: per client, sorted, merged `[clock, clock + len)` ranges. */
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type DeleteItems = DeleteSet['clients'] extends Map<number, infer Items> ? Items : never;
type DeleteRange = { clock: number; len: number };

/** A document captured at a moment, before the live document garbage-collects anything more. */
export interface CapturedState {
  /** The items added since the previous mark (their content as it was then), without deletions. */
  structs: Uint8Array;
  /** Everything deleted in the document at the moment of capture. */
  deleteSet: DeleteSet;
  stateVector: Uint8Array;
}

/**
 * Captures `doc` now, relative to the previous version's state vector (null: from nothing,
 * a whole state). Synchronous: call it at the moment the version is kept.
 *
 * `Y.encodeStateAsUpdate(doc, previous)` ends with the document's whole delete set, which for
 * a long-edited transcript (tens of thousands of backspaces) is larger than what changed; a
 * version stores only the deletions since the previous one (`versionUpdate`).
 */
export function captureState(doc: Y.Doc, previousStateVector: Uint8Array | null): CapturedState {
  const update = previousStateVector ? Y.encodeStateAsUpdate(doc, previousStateVector) : Y.encodeStateAsUpdate(doc);
  const deleteSet = Y.createDeleteSetFromStructStore(doc.store);
  const stateVector = Y.encodeStateVector(doc);
  const suffix = encodeDeleteSet(deleteSet);
  if (!endsWith(update, suffix)) {
    // Pending updates were merged into it (a client sent an update whose predecessors never
    // came): keep it whole, deletions and all. Correct, only larger.
    return { structs: update, deleteSet: Y.createDeleteSet(), stateVector };
  }
  const structs = new Uint8Array(update.byteLength - suffix.byteLength + 1);
  structs.set(update.subarray(0, update.byteLength - suffix.byteLength));
  // An empty delete set ends the struct part, so that it is an update on its own.
  structs[structs.byteLength - 1] = 0;
  return { structs, deleteSet, stateVector };
}

/**
 * The stored update of a captured version: its new items and the deletions since
 * `previous` (null: all of them, for a whole state). Applied after the previous version's
 * updates, it gives exactly the captured document.
 */
export function versionUpdate(captured: CapturedState, previous: DeleteSet | null): Uint8Array {
  const deletions = previous ? subtractDeleteSets(captured.deleteSet, previous) : captured.deleteSet;
  if (deletions.clients.size === 0) return captured.structs;
  return Y.mergeUpdates([captured.structs, deleteSetUpdate(deletions)]);
}

/** The delete set of a document given as one update (a reconstructed version, say). */
export function deleteSetOfUpdate(update: Uint8Array): DeleteSet {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return Y.createDeleteSetFromStructStore(doc.store);
  } finally {
    doc.destroy();
  }
}

/** The ranges of `from` that are not in `without`, per client. */
export function subtractDeleteSets(from: DeleteSet, without: DeleteSet): DeleteSet {
  const result = Y.createDeleteSet();
  for (const [client, ranges] of from.clients) {
    const removed = without.clients.get(client) ?? [];
    const kept: DeleteRange[] = [];
    let index = 0;
    for (const range of ranges as DeleteRange[]) {
      let start = range.clock;
      const end = range.clock + range.len;
      while (index < removed.length && removed[index]!.clock + removed[index]!.len <= start) index++;
      for (let next = index; next < removed.length && removed[next]!.clock < end; next++) {
        const cut = removed[next]!;
        if (cut.clock > start) kept.push({ clock: start, len: cut.clock - start });
        start = Math.max(start, cut.clock + cut.len);
      }
      if (start < end) kept.push({ clock: start, len: end - start });
    }
    if (kept.length > 0) result.clients.set(client, kept as DeleteItems);
  }
  return result;
}

/** An update that only deletes: no structs, then the delete set. */
function deleteSetUpdate(deleteSet: DeleteSet): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  writeDeleteSet(encoder, deleteSet);
  return encoding.toUint8Array(encoder);
}

function encodeDeleteSet(deleteSet: DeleteSet): Uint8Array {
  const encoder = encoding.createEncoder();
  writeDeleteSet(encoder, deleteSet);
  return encoding.toUint8Array(encoder);
}

/** The delete set in update format v1, in Yjs's order (clients descending). */
function writeDeleteSet(encoder: encoding.Encoder, deleteSet: DeleteSet): void {
  encoding.writeVarUint(encoder, deleteSet.clients.size);
  for (const [client, ranges] of [...deleteSet.clients.entries()].sort((a, b) => b[0] - a[0])) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges as DeleteRange[]) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
}

function endsWith(bytes: Uint8Array, suffix: Uint8Array): boolean {
  if (suffix.byteLength > bytes.byteLength) return false;
  const offset = bytes.byteLength - suffix.byteLength;
  for (let i = 0; i < suffix.byteLength; i++) if (bytes[offset + i] !== suffix[i]) return false;
  return true;
}

/**
 * Whether the next version should be a whole state: when the differences kept since the last
 * whole state add up to more than it, and more than `limits.versions.differenceBytesBeforeWholeState`.
 */
export function needsWholeState(sinceComplete: { completeBytes: number; differenceBytes: number }): boolean {
  return sinceComplete.differenceBytes > Math.max(sinceComplete.completeBytes, limits.versions.differenceBytesBeforeWholeState);
}
