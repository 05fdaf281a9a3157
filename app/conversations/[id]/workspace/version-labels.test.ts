import { describe, expect, test } from 'vitest';
import { formatDate } from '@/lib/dates/date-format';
import { versionTime } from './version-labels';

describe('versionTime', () => {
  test('writes the date as every other page does, with the time to the second', () => {
    // Noon UTC is the same day in every zone the tests run in.
    const iso = '2026-11-21T12:00:05.000Z';
    expect(versionTime(iso)).toMatch(/^21 Nov 2026, \d{2}:\d{2}:05$/);
    expect(versionTime(iso).startsWith(formatDate(iso)!)).toBe(true);
  });

  test('a value that is not a date says so', () => {
    expect(versionTime('soon')).toBe('an unknown time');
  });
});
