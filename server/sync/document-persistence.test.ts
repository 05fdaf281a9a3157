import { afterEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import type { Compaction, DocumentStore } from '@/lib/sync/document-store';
import { UpdateLogWriter } from '@/lib/sync/update-log-writer';
import { DocumentPersistence } from './document-persistence';

/** A log in memory whose compactions can be held open. */
function memoryStore() {
  const rows: bigint[] = [];
  let sequence = 0n;
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const compactions: Array<bigint | null> = [];
  const store: DocumentStore = {
    load: async () => null,
    async append(updates) {
      const lastSequences = new Map<string, bigint>();
      for (const entry of updates) {
        rows.push(++sequence);
        lastSequences.set(entry.documentId, sequence);
      }
      return { lastSequences, missing: new Set() };
    },
    async compact(_documentId: string, compaction: Compaction) {
      compactions.push(compaction.throughSequence);
      await gate;
      const through = compaction.throughSequence ?? 0n;
      const merged = rows.filter((row) => row <= through).length;
      rows.splice(0, rows.length, ...rows.filter((row) => row > through));
      return merged;
    },
    countLogRows: async () => rows.length,
  };
  return {
    store,
    rows,
    compactions,
    hold: () => (gate = new Promise((resolve) => (open = resolve))),
    release: () => {
      gate = undefined;
      open?.();
    },
  };
}

const reports = { stateEncoded: () => undefined, failed: () => undefined, recovered: () => undefined };

describe('DocumentPersistence: compaction when idle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function persistenceOver(memory: ReturnType<typeof memoryStore>, gatherMs = 0) {
    const writer = new UpdateLogWriter(memory.store, { maxBatchUpdates: 100, initialRetryDelayMs: 5, maxRetryDelayMs: 20, gatherMs });
    const doc = new Y.Doc();
    const persistence = new DocumentPersistence('doc', doc, memory.store, writer, { compactAfterLogRows: 1_000, compactAfterIdleMs: 100 }, { lastSequence: null, logRows: 0 }, reports);
    const edit = (text: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getText('t').insert(0, text);
      persistence.record(Y.encodeStateAsUpdate(doc, before));
    };
    return { persistence, edit };
  }

  test('one timer for a run of edits: compacts once they stop, not after each', async () => {
    vi.useFakeTimers();
    const memory = memoryStore();
    const { edit } = persistenceOver(memory);
    for (let i = 0; i < 5; i++) {
      edit(`${i}`);
      await vi.advanceTimersByTimeAsync(60);
    }
    expect(memory.compactions).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(memory.compactions).toEqual([5n]);
    expect(memory.rows).toEqual([]);
  });

  test('updates still gathering when it fires are compacted once written', async () => {
    vi.useFakeTimers();
    const memory = memoryStore();
    // The log writer gathers longer than the idle delay: 'b', typed just after 'a' was
    // written, waits 150 ms for its write, so the timer finds only 'a' written.
    const { edit } = persistenceOver(memory, 150);
    edit('a');
    await vi.advanceTimersByTimeAsync(0);
    edit('b');
    await vi.advanceTimersByTimeAsync(100);
    expect(memory.compactions).toEqual([1n]);
    expect(memory.rows).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(memory.compactions).toEqual([1n, 2n]);
    expect(memory.rows).toEqual([]);
  });

  test('rows written while a compaction runs are compacted when the document is idle again', async () => {
    vi.useFakeTimers();
    const memory = memoryStore();
    const { edit } = persistenceOver(memory);
    edit('a');
    memory.hold();
    await vi.advanceTimersByTimeAsync(100);
    expect(memory.compactions).toEqual([1n]);
    edit('b');
    // Its idle time passes while the first compaction is still running.
    await vi.advanceTimersByTimeAsync(150);
    memory.release();
    await vi.advanceTimersByTimeAsync(0);
    expect(memory.rows).toEqual([2n]);
    await vi.advanceTimersByTimeAsync(100);
    expect(memory.compactions).toEqual([1n, 2n]);
    expect(memory.rows).toEqual([]);
  });
});
