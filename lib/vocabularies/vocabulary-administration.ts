import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Class, VocabularyTag, type MembershipRole, type Activity } from '@/entities';
import { requireActivityForMember } from '@/lib/activities/activity-access';
import { assertClassNotArchived, requireClassMember } from '@/lib/classes/class-access';
import { isUniqueViolation } from '@/lib/db/constraint-violation';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { entityId, flag } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';
import { parseInput, parsePatch } from '@/lib/parse-input';
import type { Vocabulary } from './vocabulary-document';
import {
  inVocabularyOrder,
  toVocabularyTagRead,
  vocabularyTagCreateSchema,
  vocabularyTagUpdateSchema,
  type VocabularyScope,
  type VocabularyTagCreateInput,
  type VocabularyTagRead,
  type VocabularyTagUpdateInput,
} from './vocabulary-schemas';

/*
 * A class's tag vocabulary, or one activity's: what new conversations (the class's) and new
 * workspaces (the activity's, or the class's when the activity has none) start with, and
 * whether students may add tags of their own there. Members read it; instructors change it.
 * A change reaches documents made afterwards; the lock reaches the conversations that
 * follow the vocabulary at once (the sync engine enforces it).
 */

interface ResolvedVocabulary {
  classId: string;
  activityId: string | null;
  role: MembershipRole;
  /** What holds the lock: the class, or the activity. */
  owner: Class | Activity;
}

/** The vocabulary, if `userId` may read it: a member of the class; for an activity, a student only once it is published and open. */
async function requireVocabularyReader(em: EntityManager, userId: string, scope: VocabularyScope): Promise<ResolvedVocabulary> {
  if ('classId' in scope) {
    const { entity, role } = await requireClassMember(em, userId, scope.classId);
    return { classId: entity.id, activityId: null, role, owner: entity };
  }
  const { activity, role } = await requireActivityForMember(em, userId, scope.activityId);
  return { classId: activity.class.id, activityId: activity.id, role, owner: activity };
}

/** The vocabulary, if `userId` is an instructor of its class and the class is not archived. */
async function requireVocabularyEditor(em: EntityManager, userId: string, scope: VocabularyScope): Promise<ResolvedVocabulary> {
  const vocabulary = await requireVocabularyReader(em, userId, scope);
  if (vocabulary.role !== 'instructor') throw new ForbiddenError('Only the class’s instructors can change its tags.');
  assertClassNotArchived(await em.findOneOrFail(Class, vocabulary.classId));
  return vocabulary;
}

async function requireTag(em: EntityManager, vocabulary: ResolvedVocabulary, tagId: string): Promise<VocabularyTag> {
  requireWellFormedId(tagId, 'tag');
  const tag = await em.findOne(VocabularyTag, { id: tagId, class: vocabulary.classId, activity: vocabulary.activityId });
  if (!tag) throw new NotFoundError('tag');
  return tag;
}

function tagsOf(em: EntityManager, vocabulary: ResolvedVocabulary): Promise<VocabularyTag[]> {
  return em.find(VocabularyTag, { class: vocabulary.classId, activity: vocabulary.activityId });
}

/** A duplicate name (whatever its case) as a conflict a person can act on. */
async function savingName<T>(name: string | undefined, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (isUniqueViolation(error, 'vocabulary_tags_name_unique')) throw new ConflictError(`A tag named “${name}” already exists in this vocabulary.`);
    throw error;
  }
}

/** The vocabulary's tags in order, and its lock. An activity's own vocabulary only: empty when it follows the class's. */
export async function listVocabulary(em: EntityManager, userId: string, scope: VocabularyScope): Promise<Vocabulary> {
  const vocabulary = await requireVocabularyReader(em, userId, scope);
  const tags = await tagsOf(em, vocabulary);
  return { tags: inVocabularyOrder(tags.map(toVocabularyTagRead)), locked: vocabulary.owner.tagsLocked };
}

/** Adds a tag: last, or at `position` (the tags from there on move down one). */
export async function createVocabularyTag(em: EntityManager, userId: string, scope: VocabularyScope, input: VocabularyTagCreateInput | unknown): Promise<VocabularyTagRead> {
  const data = parseInput(vocabularyTagCreateSchema, input);
  const vocabulary = await requireVocabularyEditor(em, userId, scope);
  const existing = await tagsOf(em, vocabulary);
  if (existing.length >= limits.document.maxTags) throw new ConflictError(`A vocabulary can have at most ${limits.document.maxTags} tags.`);
  const last = existing.reduce((end, tag) => Math.max(end, tag.position + 1), 0);
  const position = Math.min(data.position ?? last, last);
  const tag = await savingName(data.name, () =>
    em.transactional(async (transaction) => {
      // Placed among the others, it moves those at and after its place down by one.
      await transaction.execute(
        'update vocabulary_tags set position = position + 1 where class_id = ? and activity_id is not distinct from ? and position >= ?',
        [vocabulary.classId, vocabulary.activityId, position],
        'run',
      );
      return transaction.create(VocabularyTag, { ...data, position, class: vocabulary.classId, activity: vocabulary.activityId });
    }),
  );
  return toVocabularyTagRead(tag);
}

/** Renames, recolours, regroups or moves a tag. */
export async function updateVocabularyTag(
  em: EntityManager,
  userId: string,
  scope: VocabularyScope,
  tagId: string,
  input: VocabularyTagUpdateInput | unknown,
): Promise<VocabularyTagRead> {
  const changes = parsePatch(vocabularyTagUpdateSchema, input);
  const vocabulary = await requireVocabularyEditor(em, userId, scope);
  const tag = await requireTag(em, vocabulary, tagId);
  em.assign(tag, changes);
  await savingName(changes.name, () => em.flush());
  return toVocabularyTagRead(tag);
}

/** Removes a tag from the vocabulary (documents that already have it keep it). */
export async function deleteVocabularyTag(em: EntityManager, userId: string, scope: VocabularyScope, tagId: string): Promise<void> {
  const vocabulary = await requireVocabularyEditor(em, userId, scope);
  const tag = await requireTag(em, vocabulary, tagId);
  await em.remove(tag).flush();
}

export const vocabularyOrderSchema = z.object({ tagIds: z.array(entityId(), { error: 'must be a list of tag ids' }) }, { error: 'must be an object' });

/** Puts the vocabulary's tags in the order given: each of its tags, once. */
export async function reorderVocabulary(em: EntityManager, userId: string, scope: VocabularyScope, input: z.input<typeof vocabularyOrderSchema> | unknown): Promise<VocabularyTagRead[]> {
  const { tagIds } = parseInput(vocabularyOrderSchema, input);
  const vocabulary = await requireVocabularyEditor(em, userId, scope);
  const tags = await tagsOf(em, vocabulary);
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  if (tagIds.length !== tags.length || new Set(tagIds).size !== tagIds.length || tagIds.some((id) => !byId.has(id))) {
    throw new InvalidError('tagIds', 'tagIds must list each of the vocabulary’s tags once (it changed meanwhile? reload).');
  }
  tagIds.forEach((id, position) => (byId.get(id)!.position = position));
  await em.flush();
  return inVocabularyOrder(tags.map(toVocabularyTagRead));
}

export const vocabularyLockSchema = z.object({ locked: flag() }, { error: 'must be an object' });

/**
 * Locks a vocabulary (students may only pick its tags) or opens it, for the class or the
 * activity and, in the same transaction, for the conversations that follow it: the class's
 * own conversations for the class's vocabulary, the activity's workspaces (and its class
 * conversation) for an activity's. Their open connections are decided again at once.
 */
/** The class vocabulary's lock on the conversations that follow it (the class's own, not activities'), inside the caller's transaction. */
export async function lockClassConversations(transaction: EntityManager, classId: string, locked: boolean): Promise<void> {
  await transaction.execute(`update conversations set tags_locked = ? where class_id = ? and activity_id is null and kind = 'conversation'`, [locked, classId], 'run');
}

export async function setVocabularyLocked(em: EntityManager, userId: string, scope: VocabularyScope, input: z.input<typeof vocabularyLockSchema> | unknown): Promise<{ locked: boolean }> {
  const { locked } = parseInput(vocabularyLockSchema, input);
  const vocabulary = await requireVocabularyEditor(em, userId, scope);
  const changed = await em.transactional(async (transaction) => {
    if (vocabulary.activityId === null) {
      await transaction.execute('update classes set tags_locked = ? where id = ?', [locked, vocabulary.classId], 'run');
      await lockClassConversations(transaction, vocabulary.classId, locked);
      return [];
    }
    await transaction.execute('update activities set tags_locked = ? where id = ?', [locked, vocabulary.activityId], 'run');
    const rows = await transaction.execute<{ id: string }[]>(
      `update conversations set tags_locked = ? where activity_id = ? and kind <> 'template' and tags_locked <> ? returning id`,
      [locked, vocabulary.activityId, locked],
    );
    return rows.map((row) => row.id);
  });
  vocabulary.owner.tagsLocked = locked;
  if (vocabulary.activityId === null) publishDomainEvent({ type: 'class.tags-locked-changed', classId: vocabulary.classId });
  for (const conversationId of changed) publishDomainEvent({ type: 'conversation.access-changed', conversationId });
  return { locked };
}
