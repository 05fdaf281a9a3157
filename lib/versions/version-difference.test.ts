import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { limits } from '@/lib/limits';
import { captureState, needsWholeState, subtractDeleteSets, versionUpdate } from './version-difference';

function deleteSet(ranges: Record<number, Array<[number, number]>>) {
  const set = Y.createDeleteSet();
  for (const [client, list] of Object.entries(ranges)) set.clients.set(Number(client), list.map(([clock, len]) => ({ clock, len })) as never);
  return set;
}

function ranges(set: ReturnType<typeof Y.createDeleteSet>) {
  return Object.fromEntries([...set.clients].map(([client, list]) => [client, list.map((item) => [item.clock, item.len])]));
}

describe('subtractDeleteSets', () => {
  test('keeps what is new, cutting ranges around what was there', () => {
    const now = deleteSet({ 1: [[0, 10], [20, 5]], 2: [[3, 2]], 3: [[0, 4]] });
    const before = deleteSet({ 1: [[2, 3], [8, 4], [20, 5]], 3: [[0, 4]] });
    expect(ranges(subtractDeleteSets(now, before))).toEqual({ 1: [[0, 2], [5, 3]], 2: [[3, 2]] });
  });
});

describe('versionUpdate', () => {
  test('whole, then differences with only their new deletions, rebuild each state exactly', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const stored: Uint8Array[] = [];
    const states: string[] = [];
    let previous: ReturnType<typeof captureState> | null = null;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 200; i++) {
        text.insert(text.length, 'ab');
        text.delete(text.length - 1, 1);
      }
      if (round === 3) text.delete(0, 150);
      const captured = captureState(doc, previous?.stateVector ?? null);
      stored.push(versionUpdate(captured, previous?.deleteSet ?? null));
      states.push(text.toString());
      previous = captured;
    }
    for (let upTo = 1; upTo <= stored.length; upTo++) {
      const rebuilt = new Y.Doc();
      for (const update of stored.slice(0, upTo)) Y.applyUpdate(rebuilt, update);
      expect(rebuilt.getText('t').toString()).toBe(states[upTo - 1]);
    }
    // Every difference is about one round's typing, not the history's deletions.
    expect(Math.max(...stored.slice(1).map((update) => update.byteLength))).toBeLessThan(stored[0]!.byteLength * 1.5);
    expect(stored[4]!.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc())).byteLength / 2);
  });
});

describe('needsWholeState', () => {
  test('once the differences outgrow the whole state and the floor', () => {
    const floor = limits.versions.differenceBytesBeforeWholeState;
    expect(needsWholeState({ completeBytes: 10, differenceBytes: floor })).toBe(false);
    expect(needsWholeState({ completeBytes: 10, differenceBytes: floor + 1 })).toBe(true);
    expect(needsWholeState({ completeBytes: 3 * floor, differenceBytes: 2 * floor })).toBe(false);
    expect(needsWholeState({ completeBytes: 3 * floor, differenceBytes: 3 * floor + 1 })).toBe(true);
  });
});
