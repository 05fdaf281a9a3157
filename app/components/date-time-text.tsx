'use client';

import { useInBrowser } from './use-in-browser';

const inUtc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const inReadersZone = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * A moment from a service (ISO 8601) as "21 Nov 2026, 14:30": the date as `DateText` writes
 * it, with the time in the reader's own time zone. The server cannot know that zone, so the
 * first render (and a page without JavaScript) says UTC, and the browser then shows local time.
 */
export function DateTimeText({ iso }: { iso: string }) {
  const inBrowser = useInBrowser();
  const moment = new Date(iso);
  return <time dateTime={iso}>{inBrowser ? inReadersZone.format(moment) : `${inUtc.format(moment)} UTC`}</time>;
}
