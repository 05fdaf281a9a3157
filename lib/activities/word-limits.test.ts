import { describe, expect, test } from 'vitest';
import { describeWordCount } from './word-limits';

const hard = { min: 250, max: 500, hard: true };
const soft = { min: 250, max: 500, hard: false };

describe('describeWordCount', () => {
  test('without limits, only counts', () => {
    expect(describeWordCount(0, null)).toEqual({ text: '0 words', tone: 'ok', blocksSubmission: false });
    expect(describeWordCount(1, null)).toEqual({ text: '1 word', tone: 'ok', blocksSubmission: false });
    expect(describeWordCount(12_345, { min: null, max: null, hard: true })).toEqual({ text: '12,345 words', tone: 'ok', blocksSubmission: false });
  });

  test('within the limits, says the range, including both ends', () => {
    for (const count of [250, 312, 500]) {
      expect(describeWordCount(count, hard)).toEqual({ text: `${count} words · between 250 and 500`, tone: 'ok', blocksSubmission: false });
    }
    expect(describeWordCount(300, { min: 300, max: 300, hard: true }).text).toBe('300 words · exactly 300');
    expect(describeWordCount(3, { min: null, max: 1_000, hard: true }).text).toBe('3 words · at most 1,000');
    expect(describeWordCount(3_000, { min: 2_500, max: null, hard: true }).text).toBe('3,000 words · at least 2,500');
  });

  test('over a hard maximum blocks submission and says by how much', () => {
    expect(describeWordCount(512, hard)).toEqual({ text: '512 words · 12 words over the limit of 500: shorten it to submit', tone: 'over', blocksSubmission: true });
    expect(describeWordCount(501, hard).text).toBe('501 words · 1 word over the limit of 500: shorten it to submit');
  });

  test('under a hard minimum blocks submission, an empty response too', () => {
    expect(describeWordCount(249, hard)).toEqual({ text: '249 words · 1 word under the minimum of 250: write more to submit', tone: 'under', blocksSubmission: true });
    expect(describeWordCount(0, { min: 1, max: null, hard: true })).toEqual({ text: '0 words · 1 word under the minimum of 1: write more to submit', tone: 'under', blocksSubmission: true });
  });

  test('a soft limit warns without blocking', () => {
    expect(describeWordCount(600, soft)).toEqual({ text: '600 words · 100 words over the limit of 500 (you can still submit)', tone: 'over', blocksSubmission: false });
    expect(describeWordCount(10, soft)).toEqual({ text: '10 words · 240 words under the minimum of 250 (you can still submit)', tone: 'under', blocksSubmission: false });
  });

  test('a one-sided limit checks only its side', () => {
    expect(describeWordCount(0, { min: null, max: 500, hard: true }).blocksSubmission).toBe(false);
    expect(describeWordCount(10_000, { min: 250, max: null, hard: true }).blocksSubmission).toBe(false);
    expect(describeWordCount(10_000, { min: null, max: 500, hard: true }).tone).toBe('over');
  });
});
