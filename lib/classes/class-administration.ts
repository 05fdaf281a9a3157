import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { isUniqueViolation } from '../db/constraint-violation';
import { publishDomainEvent } from '../events/domain-events';
import { flag } from '../field-schemas';
import { parsePatch } from '../parse-input';
import { assertClassNotArchived, requireClassInstructor, requireClassMember } from './class-access';
import { classUpdateSchema, type ClassCreateInput } from './class-schemas';
import { createClass } from './class-service';
import { toClassDetail, type ClassDetail } from './class-views';
import { formatInviteCode, generateInviteCode } from './invite-code';
import { countClassMembers } from './my-classes';

/** Creates a class; its creator is its first instructor. */
export async function createClassAsUser(em: EntityManager, userId: string, input: ClassCreateInput): Promise<ClassDetail> {
  const created = await createClass(em, userId, input);
  const { entity } = await requireClassMember(em, userId, created.id);
  return toClassDetail(entity, 'instructor', 1);
}

/** The class as `userId` may see it. */
export async function getClassForMember(em: EntityManager, userId: string, classId: string): Promise<ClassDetail> {
  const { entity, role } = await requireClassMember(em, userId, classId);
  return toClassDetail(entity, role, await countClassMembers(em, classId));
}

const classChangeSchema = classUpdateSchema.extend({ archived: flag().optional() });
export type ClassChange = z.input<typeof classChangeSchema>;

/**
 * An instructor's change to name, description, joining, or archived state. An archived class
 * is read-only: the only change it takes is being unarchived.
 */
export async function changeClassAsInstructor(em: EntityManager, userId: string, classId: string, input: ClassChange): Promise<ClassDetail> {
  const { archived, ...changes } = parsePatch(classChangeSchema, input);
  const { entity, role } = await requireClassInstructor(em, userId, classId);
  const archivedBefore = entity.archivedAt !== null && entity.archivedAt !== undefined;
  if (archived === false) entity.archivedAt = null;
  if (Object.keys(changes).length > 0) assertClassNotArchived(entity);
  em.assign(entity, changes);
  if (archived === true && !archivedBefore) entity.archivedAt = new Date();
  await em.flush();
  if (archived !== undefined && archived !== archivedBefore) publishDomainEvent({ type: 'class.archived-changed', classId });
  return toClassDetail(entity, role, await countClassMembers(em, classId));
}

/** Replaces the invite code; the old one stops working at once. */
export async function rotateInviteCode(em: EntityManager, userId: string, classId: string): Promise<{ inviteCode: string }> {
  const { entity } = await requireClassInstructor(em, userId, classId);
  assertClassNotArchived(entity);
  for (let attempt = 1; ; attempt++) {
    const code = generateInviteCode();
    try {
      await em.execute('update classes set invite_code = ? where id = ?', [code, classId], 'run');
      return { inviteCode: formatInviteCode(code) };
    } catch (error) {
      // Another class holds that code (one chance in 31^8): draw again.
      if (isUniqueViolation(error, 'classes_invite_code_unique') && attempt < 5) continue;
      throw error;
    }
  }
}
