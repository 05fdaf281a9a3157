import { describe, expect, it } from 'vitest';
import { machineBusySeconds, parseProcStatBusy } from './machine-cpu';

describe('parseProcStatBusy', () => {
  it('adds user, nice, system, irq, softirq and steal of the all-cores line, not idle or iowait', () => {
    const stat = 'cpu  100 5 40 9000 300 1 2 7 0 0\ncpu0 50 2 20 4500 150 1 1 3 0 0\n';
    expect(parseProcStatBusy(stat)).toBe(155);
  });

  it('refuses text without the cpu line', () => {
    expect(() => parseProcStatBusy('intr 1 2 3\n')).toThrow(/no cpu line/);
  });
});

describe('machineBusySeconds', () => {
  it('grows while this process computes', () => {
    // The bench measures on Linux, where /proc/stat is there.
    const before = machineBusySeconds();
    expect(before).toBeDefined();
    const until = performance.now() + 100;
    while (performance.now() < until);
    expect(machineBusySeconds()!).toBeGreaterThan(before!);
  });
});
