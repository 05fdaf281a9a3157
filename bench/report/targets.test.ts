import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from './run-results';
import { judgeTargets } from './targets';

function scaleResult(values: Record<string, { grimoire: number; hocuspocus: number }>): ScenarioResult {
  return {
    name: 'campus',
    models: 'a campus',
    parameters: { processes: [1, 2, 4] },
    figures: Object.entries(values).map(([key, byPeer]) => ({ key, label: key, unit: '', better: 'lower' as const, values: byPeer })),
    notes: {},
    errors: {},
    seconds: 1,
  };
}

describe('judgeTargets for a multi-process scenario', () => {
  it("judges p99 against Hocuspocus's and CPU per edit against one process, at the most processes", () => {
    const targets = judgeTargets(
      [
        scaleResult({
          'p99@4': { grimoire: 20, hocuspocus: 25 },
          'cpuPer1k@1': { grimoire: 0.5, hocuspocus: 0.6 },
          'cpuPer1k@4': { grimoire: 0.7, hocuspocus: 0.9 },
          'cpuVsFirst@4': { grimoire: 1.4, hocuspocus: 1.5 },
        }),
      ],
      undefined,
    );
    expect(targets.map((target) => [target.target, target.met])).toEqual([
      ["at 4 processes, p99 no worse than Hocuspocus's", true],
      ['at 4 processes, total server CPU per edit within 1.3× of 1 process', false],
    ]);
    expect(targets[1]!.detail).toContain('1.40×');
  });

  it('cannot judge what was not measured', () => {
    const targets = judgeTargets([scaleResult({})], undefined);
    expect(targets.map((target) => target.met)).toEqual([null, null]);
  });
});
