import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Membership, type MembershipRole } from '@/entities';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';

export interface ClassAccess {
  entity: Class;
  role: MembershipRole;
}

/**
 * The class, if `userId` is a member. Anyone else, whether or not the class exists, gets
 * the same `NotFoundError`: another class's existence is not to be learnt by probing.
 */
export async function requireClassMember(em: EntityManager, userId: string, classId: string): Promise<ClassAccess> {
  requireWellFormedId(classId, 'class');
  const membership = await em.findOne(Membership, { user: userId, class: classId }, { populate: ['class'] });
  if (!membership) throw new NotFoundError('class');
  return { entity: membership.class, role: membership.role };
}

/** The class, if `userId` is one of its instructors; a student gets `ForbiddenError`. */
export async function requireClassInstructor(em: EntityManager, userId: string, classId: string): Promise<ClassAccess> {
  const access = await requireClassMember(em, userId, classId);
  if (access.role !== 'instructor') throw new ForbiddenError('Only the class’s instructors can do that.');
  return access;
}

/** Whether the class is archived (and so read-only): the one test of it. */
export function isClassArchived(entity: Pick<Class, 'archivedAt'>): boolean {
  return entity.archivedAt !== null && entity.archivedAt !== undefined;
}

/** Archived classes are read-only. */
export function assertClassNotArchived(entity: Class): void {
  if (isClassArchived(entity)) throw new ConflictError('This class is archived, so it is read-only: unarchive it first.');
}

/**
 * Takes the class row's lock for the rest of the transaction, so that changes to its
 * membership are made one at a time (the last-instructor rule depends on it).
 */
export async function lockClass(em: EntityManager, classId: string): Promise<void> {
  await em.execute('select id from classes where id = ? for update', [classId]);
}
