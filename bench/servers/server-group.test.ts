import { describe, expect, it } from 'vitest';
import type { ChildStats } from './child-runtime';
import { sumStats } from './server-group';

const stats = (cpu: number, eventLoopMaxMs: number, openDocuments: number | null = 2): ChildStats => ({
  cpuUserMicros: cpu,
  cpuSystemMicros: cpu / 2,
  rssBytes: 100,
  heapUsedBytes: 10,
  eventLoopMaxMs,
  eventLoopP99Ms: eventLoopMaxMs / 2,
  dbStatements: 3,
  dbParameterBytes: 7,
  openDocuments,
});

describe('sumStats', () => {
  it("sums the processes' CPU, memory and database traffic, and keeps the worst event-loop delay", () => {
    expect(sumStats([stats(1_000, 5), stats(3_000, 40), stats(2_000, 12)])).toEqual({
      cpuUserMicros: 6_000,
      cpuSystemMicros: 3_000,
      rssBytes: 300,
      heapUsedBytes: 30,
      eventLoopMaxMs: 40,
      eventLoopP99Ms: 20,
      dbStatements: 9,
      dbParameterBytes: 21,
      openDocuments: 6,
    });
  });

  it('cannot count open documents when one process cannot', () => {
    expect(sumStats([stats(1_000, 5), stats(1_000, 5, null)]).openDocuments).toBeNull();
  });
});
