import { formatDate } from '@/lib/dates/date-format';

/** A date from a service (ISO 8601), as "21 Nov 2026" (`lib/dates/date-format.ts`), machine-readable too. */
export function DateText({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDate(iso) ?? ''}</time>;
}
