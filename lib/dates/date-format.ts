/*
 * Every date and time a page shows, in one style (British English, day before month):
 * a date is "21 Nov 2026", a moment "21 Nov 2026, 14:30" (with seconds where moments are
 * seconds apart: versions). `DateText` and `DateTimeText` (`app/components/`) render these;
 * nothing else formats a date for the screen. Exports keep ISO dates (2026-11-21), which
 * every locale reads the same way and which sort in a spreadsheet.
 */

const locale = 'en-GB';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const secondsFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone (`undefined`: the reader's own), made once: they are costly to build. */
function formatter(cache: Map<string, Intl.DateTimeFormat>, options: Intl.DateTimeFormatOptions, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
    cache.set(key, format);
  }
  return format;
}

function parsed(iso: string): Date | null {
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? null : moment;
}

/** "21 Nov 2026" (in `timeZone`, default UTC: a date a server renders is the same for everyone), or null for a value that is not a date. */
export function formatDate(iso: string, timeZone: string | undefined = 'UTC'): string | null {
  const moment = parsed(iso);
  return moment && formatter(dateFormats, { dateStyle: 'medium' }, timeZone).format(moment);
}

/** "21 Nov 2026, 14:30" in `timeZone` (`undefined`: the reader's own), or null for a value that is not a date. */
export function formatDateTime(iso: string, timeZone?: string): string | null {
  const moment = parsed(iso);
  return moment && formatter(dateTimeFormats, { dateStyle: 'medium', timeStyle: 'short' }, timeZone).format(moment);
}

/** "21 Nov 2026, 14:30:05": the same style with seconds, for moments seconds apart (versions around a restore). */
export function formatDateTimeWithSeconds(iso: string, timeZone?: string): string | null {
  const moment = parsed(iso);
  return moment && formatter(secondsFormats, { dateStyle: 'medium', timeStyle: 'medium' }, timeZone).format(moment);
}
