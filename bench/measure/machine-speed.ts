import * as Y from 'yjs';

/**
 * How fast this machine runs our kind of work, for comparing runs made on different
 * machines (the same kind of machine has been seen to differ by 2× from one day to the
 * next): a fixed Yjs workload (typing 20,000 characters one transaction at a time, encoding
 * the document, loading it into fresh documents, merging 1,000 small updates), timed five
 * times after a warm-up; the median in milliseconds. Lower is faster. Absolute figures of
 * two runs compare only when their speeds do; ratios between servers of one run compare
 * regardless.
 */
export function measureMachineSpeed(timed: { workload: () => void; now: () => number } = { workload: yjsWorkload, now: () => performance.now() }): number {
  timed.workload();
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = timed.now();
    timed.workload();
    times.push(timed.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[2]! * 10) / 10;
}

function yjsWorkload(): void {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    if (updates.length < 1_000) updates.push(update);
  });
  for (let i = 0; i < 20_000; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
  const state = Y.encodeStateAsUpdate(doc);
  for (let copy = 0; copy < 5; copy++) Y.applyUpdate(new Y.Doc(), state);
  Y.mergeUpdates(updates);
}
