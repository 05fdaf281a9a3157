import { describe, expect, test } from 'vitest';
import { measureMachineSpeed } from './machine-speed';

describe('measureMachineSpeed', () => {
  test('runs the workload once to warm up, then five times, and gives the median of those five to a tenth of a millisecond', () => {
    const durations = [5.04, 1, 3, 9, 7];
    let clock = 0;
    let calls = 0;
    const speed = measureMachineSpeed({
      workload: () => {
        calls += 1;
        if (calls > 1) clock += durations[calls - 2]!;
      },
      now: () => clock,
    });
    expect(calls).toBe(6);
    expect(speed).toBe(5);
  });

  test('the Yjs workload gives a finite, positive figure', () => {
    const speed = measureMachineSpeed();
    expect(Number.isFinite(speed) && speed > 0).toBe(true);
  });
});
