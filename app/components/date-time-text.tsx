'use client';

import { formatDateTime } from '@/lib/dates/date-format';
import { useInBrowser } from './use-in-browser';

/**
 * A moment from a service (ISO 8601) as "21 Nov 2026, 14:30" (`lib/dates/date-format.ts`):
 * the date as `DateText` writes it, with the time in the reader's own time zone. The server
 * cannot know that zone, so the first render (and a page without JavaScript) says UTC, and
 * the browser then shows local time.
 */
export function DateTimeText({ iso }: { iso: string }) {
  const inBrowser = useInBrowser();
  const written = inBrowser ? formatDateTime(iso) : formatDateTime(iso, 'UTC');
  return <time dateTime={iso}>{written === null ? '' : inBrowser ? written : `${written} UTC`}</time>;
}
