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
    expect(targets[0]!.why).toBeUndefined();
    expect(targets[1]!.why).toContain('Hocuspocus grows 1.5×');
  });

  it('cannot judge what was not measured', () => {
    const targets = judgeTargets([scaleResult({})], undefined);
    expect(targets.map((target) => target.met)).toEqual([null, null]);
  });
});

function scenarioResult(name: string, values: Record<string, Partial<Record<'grimoire' | 'hocuspocus' | 'hocuspocus-durable' | 'floor', number>>>, notes: ScenarioResult['notes'] = {}): ScenarioResult {
  return {
    name,
    models: name,
    parameters: {},
    figures: Object.entries(values).map(([key, byPeer]) => ({ key, label: key, unit: '', better: 'lower' as const, values: byPeer })),
    notes,
    errors: {},
    seconds: 1,
  };
}

describe('judgeTargets for the performance issue', () => {
  it('judges pair against Hocuspocus, the floor, and the equal-durability peer', () => {
    const targets = judgeTargets(
      [
        scenarioResult('pair', {
          p99: { grimoire: 3, hocuspocus: 3.5, floor: 1.8 },
          cpuPer1k: { grimoire: 1.3, hocuspocus: 1.2 },
          durableMax: { grimoire: 40, 'hocuspocus-durable': 110 },
          notDurable: { grimoire: 0 },
          totalCpuPer1k: { grimoire: 2, 'hocuspocus-durable': 2.5 },
        }),
      ],
      undefined,
    );
    expect(targets.map((target) => [target.target, target.met])).toEqual([
      ["p99 propagation no worse than Hocuspocus's", true],
      ['p99 within 1.5× of the in-memory floor', false],
      ["server CPU per edit no more than Hocuspocus's", false],
      ['every edit in PostgreSQL within 100 ms', true],
      ['server + PostgreSQL CPU per durable edit no more than the equal-durability Hocuspocus (100 ms debounce)', true],
    ]);
    expect(targets[4]!.detail).toContain('slowest edit stored after 110 ms');
    expect(targets.filter((target) => target.why).map((target) => target.target)).toEqual(['p99 within 1.5× of the in-memory floor', "server CPU per edit no more than Hocuspocus's"]);
  });

  it("says why each missed target is missed, with the run's own figures", () => {
    const pair = scenarioResult('pair', {
      p50: { grimoire: 1, hocuspocus: 2 },
      p95: { grimoire: 2, hocuspocus: 2.5 },
      p99: { grimoire: 4, hocuspocus: 3, floor: 2 },
      cpuPer1k: { grimoire: 1.5, hocuspocus: 1, 'hocuspocus-durable': 1.2 },
      durableMax: { grimoire: 140, 'hocuspocus-durable': 150 },
      notDurable: { grimoire: 0 },
      generatorLagMs: { grimoire: 120 },
      rowsPer1k: { grimoire: 2000, 'hocuspocus-durable': 300 },
      totalCpuPer1k: { grimoire: 2.5, 'hocuspocus-durable': 2 },
    });
    pair.parameters = { documents: 1, clientsPerDocument: 2, writersPerDocument: 1, editsPerSecond: 20, seconds: 6 };
    const why = Object.fromEntries(judgeTargets([pair], undefined).map((target) => [target.target, target.why]));
    expect(why["p99 propagation no worse than Hocuspocus's"]).toMatch(/^at p50 ours is 0\.50× and at p95 0\.80× Hocuspocus's; the p99 of about 120 deliveries is their 2nd slowest/);
    expect(why['p99 within 1.5× of the in-memory floor']).toContain('checks every update');
    expect(why["server CPU per edit no more than Hocuspocus's"]).toContain('ours 1.25× its server CPU');
    expect(why['every edit in PostgreSQL within 100 ms']).toContain('lagged up to 120 ms');
    expect(why['server + PostgreSQL CPU per durable edit no more than the equal-durability Hocuspocus (100 ms debounce)']).toContain("2000 rows per 1,000 edits against the peer's 300");
  });

  it("names the machine's speed beside a missed target in absolute units, not beside a ratio", () => {
    const targets = judgeTargets(
      [scenarioResult('idle', { cpuMicrosPerConnectionSecond: { grimoire: 6.3 }, rssPerConnectionKiB: { grimoire: 20 } }), scenarioResult('school', { p99: { grimoire: 30, hocuspocus: 40 } })],
      undefined,
      { speedMs: 328.5 },
    );
    const why = Object.fromEntries(targets.map((target) => [target.target, target.why]));
    expect(why['under 5 µs of CPU per connection per second']).toContain('ran the fixed Yjs workload in 328.5 ms');
    expect(why["p99 propagation at most 0.5× Hocuspocus's (keeping the lead)"]).not.toContain('fixed Yjs workload');
  });

  it('counts deliveries, not edits, behind a p99 with many receivers, and blames slow writes when the generator was not late', () => {
    const classroom = scenarioResult('class', {
      p50: { grimoire: 2, hocuspocus: 2 },
      p95: { grimoire: 3, hocuspocus: 3 },
      p99: { grimoire: 5, hocuspocus: 4, floor: 4 },
      durableMax: { grimoire: 120 },
      notDurable: { grimoire: 0 },
      generatorLagMs: { grimoire: 12 },
    });
    classroom.parameters = { documents: 1, clientsPerDocument: 30, writersPerDocument: 30, editsPerSecond: 2, seconds: 6 };
    const why = Object.fromEntries(judgeTargets([classroom], undefined).map((target) => [target.target, target.why]));
    expect(why["p99 propagation no worse than Hocuspocus's"]).toContain('the p99 of about 10440 deliveries is their 105th slowest');
    expect(why['every edit in PostgreSQL within 100 ms']).toContain('the writes themselves were slow (the load generator lagged only 12 ms)');
  });

  it('calls an edit never stored a bug, not a cost', () => {
    const targets = judgeTargets([scenarioResult('school', { durableMax: { grimoire: 40 }, notDurable: { grimoire: 3 } })], undefined);
    const durability = targets.find((target) => target.target === 'every edit in PostgreSQL within 100 ms');
    expect(durability?.met).toBe(false);
    expect(durability?.why).toContain('not expected');
  });

  it('asks school to keep half of Hocuspocus p99, and cold to be no slower in both first syncs', () => {
    const targets = judgeTargets(
      [
        scenarioResult('school', { p99: { grimoire: 12, hocuspocus: 23 } }),
        scenarioResult('cold', { firstSyncMs: { grimoire: 180, hocuspocus: 260 }, firstSyncFreshProcessMs: { grimoire: 340, hocuspocus: 330 }, storedVsEncoded: { grimoire: 1 } }),
      ],
      undefined,
    );
    const met = Object.fromEntries(targets.map((target) => [`${target.scenario}: ${target.target}`, target.met]));
    expect(met["school: p99 propagation at most 0.5× Hocuspocus's (keeping the lead)"]).toBe(false);
    expect(met["cold: first sync after an unload no slower than Hocuspocus's"]).toBe(true);
    expect(met["cold: first sync in a freshly started process no slower than Hocuspocus's"]).toBe(false);
  });

  it("prints why each server's saturate climb ended beside the edits/s", () => {
    const targets = judgeTargets(
      [
        scenarioResult(
          'saturate',
          { editsPerSecondReached: { grimoire: 6000, hocuspocus: 3000 } },
          { grimoire: ['the climb ended at the writer cap (1000 writers)'], hocuspocus: ['the climb ended when p99 passed 50 ms twice'] },
        ),
      ],
      undefined,
    );
    expect(targets[0]!.met).toBe(true);
    expect(targets[0]!.detail).toContain('ours: the climb ended at the writer cap (1000 writers); Hocuspocus: the climb ended when p99 passed 50 ms twice');
  });

  it('judges the class page and the activity overview at 50 ms p95 with the query count of a tiny class', () => {
    const endpoint = (name: string, p95: number, queries: number) => ({
      name,
      path: '/',
      status: 200,
      p50: p95 / 2,
      p95,
      p99: p95,
      requestsPerSecond: 1,
      queries,
      queriesSmallClass: 5,
      responseKiB: 1,
      p50SmallClass: 1,
    });
    const pages = {
      parameters: { members: 500, conversations: 1000, requests: 100, countedRequests: 3 },
      buildSeconds: 1,
      appStartSeconds: 1,
      endpoints: [endpoint('class page', 49, 5), endpoint('activity overview (API)', 51, 6), endpoint('activity page (instructor)', 30, 5)],
    };
    const met = Object.fromEntries(judgeTargets([], pages).map((target) => [target.target, target.met]));
    expect(met).toEqual({
      'class page p95 under 50 ms': true,
      'class page: constant query count': true,
      'activity overview (API) p95 under 50 ms': false,
      'activity overview (API): constant query count': false,
      'activity page (instructor) p95 under 50 ms': true,
      'activity page (instructor): constant query count': true,
    });
  });
});
