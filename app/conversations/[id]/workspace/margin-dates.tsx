'use client';

import { DateTimeText } from '@/app/components/date-time-text';

/**
 * A highlight's or comment's time, as every page writes times. It comes from a document any
 * member can write, so a value that is not a date shows nothing (instead of throwing).
 */
export function AnnotationTime({ iso }: { iso: string | undefined }) {
  return iso && !Number.isNaN(new Date(iso).getTime()) ? <DateTimeText iso={iso} /> : null;
}
