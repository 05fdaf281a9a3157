import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Class, Membership, User } from '@/entities';
import { isForeignKeyViolation, isUniqueViolation } from '@/lib/db/constraint-violation';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { NotFoundError } from '@/lib/errors';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { flag } from '@/lib/field-schemas';
import { parseInput, parsePatch } from '@/lib/parse-input';
import { assertClassNotArchived, isClassArchived, requireClassInstructor, requireClassMember } from './class-access';
import { classCreateSchema, classUpdateSchema, type ClassCreateInput } from './class-schemas';
import { toClassDetail, type ClassDetail } from './class-views';
import { formatInviteCode, generateInviteCode } from './invite-code';
import { countClassMembers } from './my-classes';
import { lockClassConversations } from '@/lib/vocabularies/vocabulary-administration';

/**
 * Two classes drawing the same code out of 31^8 is rare; five times in a row means the
 * generator is broken, and failing loudly beats looping.
 */
const INVITE_CODE_ATTEMPTS = 5;

/** Runs `write` with a fresh invite code, drawing again while another class holds the code. */
async function withFreshInviteCode<T>(generateCode: () => string, write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(generateCode());
    } catch (error) {
      if (isUniqueViolation(error, 'classes_invite_code_unique') && attempt < INVITE_CODE_ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * Creates a class; its creator is its owner and first instructor, in one transaction.
 * `generateCode` is for tests that need a collision.
 */
export async function createClassAsUser(
  em: EntityManager,
  userId: string,
  input: ClassCreateInput,
  generateCode: () => string = generateInviteCode,
): Promise<ClassDetail> {
  const data = parseInput(classCreateSchema, input);
  let created: Class;
  try {
    created = await withFreshInviteCode(generateCode, (inviteCode) =>
      em.transactional(async (transaction) => {
        const owner = transaction.getReference(User, userId);
        const created = transaction.create(Class, { ...data, owner, inviteCode });
        transaction.create(Membership, { user: owner, class: created, role: 'instructor' });
        return created;
      }),
    );
  } catch (error) {
    if (isForeignKeyViolation(error, 'classes_owner_id_foreign')) throw new NotFoundError('user');
    throw error;
  }
  const { entity } = await requireClassMember(em, userId, created.id);
  return toClassDetail(entity, 'instructor', 1);
}

/** The class as `userId` may see it. */
export async function getClassForMember(em: EntityManager, userId: string, classId: string): Promise<ClassDetail> {
  requireWellFormedId(classId, 'class');
  // The count is asked at the same time as the membership check (two queries on two pooled
  // connections, so the page waits for one round trip, not two), and shown only if the check passes.
  const [{ entity, role }, members] = await Promise.all([requireClassMember(em, userId, classId), countClassMembers(em.fork(), classId)]);
  return toClassDetail(entity, role, members);
}

/** `tagsLocked`: the class's tag vocabulary is locked (`setVocabularyLocked`). */
export const classChangeSchema = classUpdateSchema.extend({ archived: flag().optional(), tagsLocked: flag().optional() });
export type ClassChange = z.input<typeof classChangeSchema>;

/**
 * An instructor's change to name, description, joining, the tag lock or archived state. An
 * archived class is read-only: the only change it takes is being unarchived (with others at
 * once). Every check is made before anything is applied, and everything is applied in one
 * transaction (the lock reaching the class's conversations too), so a refused change leaves
 * the class as it was.
 */
export async function changeClassAsInstructor(em: EntityManager, userId: string, classId: string, input: ClassChange): Promise<ClassDetail> {
  const { archived, tagsLocked, ...changes } = parsePatch(classChangeSchema, input);
  const { entity, role } = await requireClassInstructor(em, userId, classId);
  const archivedBefore = isClassArchived(entity);
  if (archived !== false && (Object.keys(changes).length > 0 || tagsLocked !== undefined)) assertClassNotArchived(entity);
  await em.transactional(async (transaction) => {
    if (tagsLocked !== undefined) await lockClassConversations(transaction, classId, tagsLocked);
    const updates: Record<string, unknown> = { ...changes };
    if (tagsLocked !== undefined) updates.tagsLocked = tagsLocked;
    if (archived === false) updates.archivedAt = null;
    if (archived === true && !archivedBefore) updates.archivedAt = new Date();
    transaction.assign(entity, updates);
  });
  if (tagsLocked !== undefined) publishDomainEvent({ type: 'class.tags-locked-changed', classId });
  if (archived !== undefined && archived !== archivedBefore) publishDomainEvent({ type: 'class.archived-changed', classId });
  return toClassDetail(entity, role, await countClassMembers(em, classId));
}

/** Replaces the invite code; the old one stops working at once. */
export async function rotateInviteCode(em: EntityManager, userId: string, classId: string): Promise<{ inviteCode: string }> {
  const { entity } = await requireClassInstructor(em, userId, classId);
  assertClassNotArchived(entity);
  return withFreshInviteCode(generateInviteCode, async (code) => {
    await em.execute('update classes set invite_code = ? where id = ?', [code, classId], 'run');
    return { inviteCode: formatInviteCode(code) };
  });
}
