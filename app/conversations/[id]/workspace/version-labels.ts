import { formatDateTimeWithSeconds } from '@/lib/dates/date-format';
import { limits } from '@/lib/limits';
import type { VersionAuthor } from './versions-api';

const minutes = Math.round(limits.versions.everyMs / 60_000);

/** Why a version was kept, in words (the contract's `reason`). */
const reasonWords: Record<string, string> = {
  auto: `Every ${minutes} minutes`,
  unload: 'Closed after editing',
  'large-deletion': 'Before a large deletion',
  manual: 'Saved by hand',
  restore: 'Before a restore',
};

export function versionReasonWords(reason: string): string {
  return reasonWords[reason] ?? 'Kept';
}

/** When a version was kept, in the reader's zone; seconds included: versions kept around a wipe and its restore are seconds apart. */
export function versionTime(iso: string): string {
  return formatDateTimeWithSeconds(iso) ?? 'an unknown time';
}

const listFormat = new Intl.ListFormat(undefined, { style: 'long', type: 'conjunction' });

/** "Edited by Sam Student and Irene Instructor", or null when the version names nobody. */
export function versionAuthorsWords(authors: VersionAuthor[]): string | null {
  const names = [...new Set(authors.map((author) => author.name.trim() || 'someone'))];
  return names.length === 0 ? null : `Edited by ${listFormat.format(names)}`;
}

export const noVersionsYet = `No versions yet: one is kept every ${minutes} minutes while people edit.`;
