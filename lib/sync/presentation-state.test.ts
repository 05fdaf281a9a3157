import { describe, expect, test } from 'vitest';
import { limits } from '@/lib/limits';
import { presentationStateOf } from './presentation-state';

describe('presentationStateOf', () => {
  test('keeps a turn and a highlight (or none), and only those fields', () => {
    expect(presentationStateOf({ turn: 0, highlightId: null })).toEqual({ turn: 0, highlightId: null });
    expect(presentationStateOf({ turn: 12, highlightId: 'a1b2', extra: 'x'.repeat(100) })).toEqual({ turn: 12, highlightId: 'a1b2' });
    expect(presentationStateOf(null)).toBeNull();
  });

  test('refuses a negative, fractional, huge or non-numeric turn', () => {
    for (const turn of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, limits.document.maxElements, 2 ** 60, '3', undefined]) {
      expect(presentationStateOf({ turn, highlightId: null }), String(turn)).toBeUndefined();
    }
  });

  test('refuses a highlight id that is not a short string, and anything that is not an object', () => {
    for (const highlightId of [3, '', 'x'.repeat(129), {}, undefined]) expect(presentationStateOf({ turn: 1, highlightId })).toBeUndefined();
    for (const value of [[], 'presenting', 7, true, undefined, { scroll: 0.5, highlightId: null }]) expect(presentationStateOf(value)).toBeUndefined();
  });
});
