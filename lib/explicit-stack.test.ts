import { describe, expect, test } from 'vitest';
import { resultOf, runOnOwnStack, type Steps } from './explicit-stack';

function* depthOf(levels: number): Steps<number> {
  if (levels === 0) return 0;
  return 1 + (yield* resultOf(depthOf(levels - 1)));
}

function* sumOf(values: number[]): Steps<number> {
  let sum = 0;
  for (const value of values) sum += yield* resultOf(depthOf(value));
  return sum;
}

describe('runOnOwnStack', () => {
  test('passes each result back to the computation that asked for it, in order', () => {
    expect(runOnOwnStack(sumOf([1, 2, 3]))).toBe(6);
  });

  test('nests a million deep without running out of call stack', () => {
    expect(runOnOwnStack(depthOf(1_000_000))).toBe(1_000_000);
  });
});
