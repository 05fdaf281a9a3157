import { z } from 'zod';
import { versionReasons } from '@/entities/conversation-version';
import { entityId, optionalText, timestamp } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';
import { decodeOpaqueCursor, encodeOpaqueCursor } from '@/lib/conversations/opaque-cursor';

/** `?limit=&cursor=` of a conversation's versions; values arrive as strings. */
export const versionListQuerySchema = z.object(
  {
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(limits.versions.pageMax, `must be at most ${limits.versions.pageMax}`)
      .default(limits.versions.pageSize),
    cursor: z.string({ error: 'must be text' }).optional(),
  },
  { error: 'must be an object' },
);

/** `POST /api/conversations/:id/versions` `{label?}`: an empty label is none. */
export const versionCreateSchema = z.object({ label: optionalText(200).optional() }, { error: 'must be an object' });

export const versionAuthorSchema = z.object({ userId: entityId(), name: z.string() });

/** A line of the History list. `label` is ours (docs/api.md); the rest is the contract's. */
export const versionSummarySchema = z.object({
  id: entityId(),
  createdAt: timestamp(),
  reason: z.enum(versionReasons),
  label: z.string().nullable(),
  /** Who edited since the previous version (and who asked for it); accounts since removed are left out. */
  authors: z.array(versionAuthorSchema),
});

export const versionPageSchema = z.object({
  items: z.array(versionSummarySchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

/** One version with its text, as `rawText` of the conversation would have been then. */
export const versionDetailSchema = versionSummarySchema.extend({ rawText: z.string() });

export const keptVersionSchema = z.object({ id: entityId(), createdAt: timestamp(), reason: z.literal('manual') });

export type VersionListQuery = z.input<typeof versionListQuerySchema>;
export type VersionSummary = z.output<typeof versionSummarySchema>;
export type VersionPage = z.output<typeof versionPageSchema>;
export type VersionDetail = z.output<typeof versionDetailSchema>;
export type KeptVersionRead = z.output<typeof keptVersionSchema>;

/** Where a page of versions ended: the last one's position (versions are numbered 1, 2, 3… per conversation). */
export function encodeVersionCursor(position: number): string {
  return encodeOpaqueCursor([position]);
}

export function decodeVersionCursor(encoded: string): number {
  return decodeOpaqueCursor(encoded, z.tuple([z.number().int().min(1)]))[0];
}
