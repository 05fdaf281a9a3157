import { describe, expect, test } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeWithSeconds } from './date-format';

const moment = '2026-11-21T14:30:05.000Z';

describe('one style for every date a page shows', () => {
  test('a date is day, short month, year', () => {
    expect(formatDate(moment)).toBe('21 Nov 2026');
  });

  test('a moment is the same date with a 24-hour time, in the zone asked for', () => {
    expect(formatDateTime(moment, 'UTC')).toBe('21 Nov 2026, 14:30');
    expect(formatDateTime(moment, 'Europe/Paris')).toBe('21 Nov 2026, 15:30');
    expect(formatDateTimeWithSeconds(moment, 'UTC')).toBe('21 Nov 2026, 14:30:05');
  });

  test('every format starts with the date as formatDate writes it', () => {
    const date = formatDate(moment)!;
    expect(formatDateTime(moment, 'UTC')!.startsWith(date)).toBe(true);
    expect(formatDateTimeWithSeconds(moment, 'UTC')!.startsWith(date)).toBe(true);
  });

  test('a value that is not a date gives null, not "Invalid Date" or a throw', () => {
    expect(formatDate('not a date')).toBeNull();
    expect(formatDateTime('')).toBeNull();
    expect(formatDateTimeWithSeconds('2026-13-45')).toBeNull();
  });
});
