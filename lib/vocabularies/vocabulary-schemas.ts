import { z } from 'zod';
import type { VocabularyTag } from '@/entities';
import { entityId, optionalText, recordTimestamps, requiredText, toReadShape } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';

/** A group heading's length: the column's (`vocabulary_tags.group`). */
export const TAG_GROUP_MAX_CHARACTERS = 60;

/** A tag's colour: `#rrggbb`, as the document's `tags` root stores it. */
function tagColor() {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a colour like #bbf7d0') })
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, 'must be a colour like #bbf7d0');
}

/** A vocabulary tag's place in its list, ascending. */
function tagPosition() {
  return z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').max(100_000, 'must be at most 100000');
}

export const vocabularyTagCreateSchema = z.object(
  {
    name: requiredText(limits.document.maxTagNameCharacters),
    color: tagColor(),
    group: optionalText(TAG_GROUP_MAX_CHARACTERS).default(''),
    /** Where it goes in the list; by default, last. */
    position: tagPosition().optional(),
  },
  { error: 'must be an object' },
);

export const vocabularyTagUpdateSchema = z.object(
  {
    name: requiredText(limits.document.maxTagNameCharacters).optional(),
    color: tagColor().optional(),
    group: optionalText(TAG_GROUP_MAX_CHARACTERS).optional(),
    position: tagPosition().optional(),
  },
  { error: 'must be an object' },
);

export const vocabularyReadSchema = z.object({
  id: entityId(),
  classId: entityId(),
  activityId: entityId().nullable(),
  name: z.string(),
  color: z.string(),
  group: z.string(),
  position: z.number(),
  ...recordTimestamps,
});

export type VocabularyTagCreateInput = z.input<typeof vocabularyTagCreateSchema>;
export type VocabularyTagUpdateInput = z.input<typeof vocabularyTagUpdateSchema>;
export type VocabularyTagRead = z.output<typeof vocabularyReadSchema>;

export const toVocabularyTagRead = (entity: VocabularyTag): VocabularyTagRead => toReadShape(vocabularyReadSchema, entity);

/** A class's vocabulary (`{classId}`) or an activity's (`{activityId}`). */
export type VocabularyScope = { classId: string } | { activityId: string };

/** A vocabulary's tags in the order people read them: by position, then name. */
export function inVocabularyOrder<Tag extends { position: number; name: string }>(tags: readonly Tag[]): Tag[] {
  return [...tags].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}
