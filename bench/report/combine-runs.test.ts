import { describe, expect, it } from 'vitest';
import { combineRuns, median } from './combine-runs';
import type { ScenarioResult } from './run-results';

function run(values: { grimoire?: number | null; hocuspocus?: number | null }, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    name: 'pair',
    models: 'm',
    parameters: {},
    figures: [{ key: 'p99', label: 'p99', unit: 'ms', better: 'lower', values }],
    notes: {},
    errors: {},
    seconds: 10,
    ...extra,
  };
}

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even one', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('combineRuns', () => {
  it('reports each figure as the median of the runs, with its spread, so one outlier does not decide it', () => {
    const combined = combineRuns([run({ grimoire: 3, hocuspocus: 4 }), run({ grimoire: 30, hocuspocus: 5 }), run({ grimoire: 4, hocuspocus: 3 })]);
    const [p99] = combined.figures;
    expect(p99!.values).toEqual({ grimoire: 4, hocuspocus: 4 });
    expect(p99!.spread).toEqual({ grimoire: { min: 3, max: 30 }, hocuspocus: { min: 3, max: 5 } });
    expect(combined.runs).toBe(3);
    expect(combined.seconds).toBe(30);
  });

  it('keeps the figures of the runs a server finished, and says how many it failed', () => {
    const failed = run({ hocuspocus: 4 }, { errors: { grimoire: 'the server exited' } });
    const combined = combineRuns([run({ grimoire: 3, hocuspocus: 4 }), failed, run({ grimoire: 5, hocuspocus: 4 })]);
    expect(combined.figures[0]!.values.grimoire).toBe(4);
    expect(combined.errors.grimoire).toBe('failed 1 of 3 runs: the server exited');
  });

  it('keeps a figure null when no run measured it, and each note once', () => {
    const note = { notes: { grimoire: ['the climb ended at the writer cap'] } };
    const combined = combineRuns([run({ grimoire: null }, note), run({ grimoire: null }, note)]);
    expect(combined.figures[0]!.values.grimoire).toBeNull();
    expect(combined.figures[0]!.spread).toEqual({});
    expect(combined.notes.grimoire).toEqual(['the climb ended at the writer cap']);
  });
});
