import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Membership, membershipRoles, type MembershipRole } from '@/entities';
import { assertClassNotArchived, lockClass, requireClassInstructor, requireClassMember } from '@/lib/classes/class-access';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { parseInput } from '@/lib/parse-input';
import { lastInstructorMessage } from './last-instructor';

const roleChangeSchema = z.object(
  { role: z.enum(membershipRoles, { error: `must be one of: ${membershipRoles.join(', ')}` }) },
  { error: 'must be an object' },
);

/**
 * An instructor changes a member's role. The class's membership changes are serialised (row
 * lock on the class), so two instructors demoting each other at once cannot leave none.
 */
export async function changeMemberRole(
  em: EntityManager,
  actorId: string,
  classId: string,
  memberUserId: string,
  input: unknown,
): Promise<{ userId: string; role: MembershipRole }> {
  const { role } = parseInput(roleChangeSchema, input);
  await em.transactional(async (transaction) => {
    const { entity } = await requireClassInstructor(transaction, actorId, classId);
    assertClassNotArchived(entity);
    await lockClass(transaction, classId);
    const membership = await findTargetMembership(transaction, classId, memberUserId);
    if (membership.role === role) return;
    if (membership.role === 'instructor' && (await countInstructors(transaction, classId)) <= 1) throw new ConflictError(lastInstructorMessage);
    membership.role = role;
  });
  publishDomainEvent({ type: 'membership.role-changed', classId, userId: memberUserId });
  return { userId: memberUserId, role };
}

/**
 * Removes a member: instructors may remove anyone (unless the class is archived), any member
 * may remove themself (leave). The last instructor can be neither removed nor leave.
 */
export async function removeMember(em: EntityManager, actorId: string, classId: string, memberUserId: string): Promise<void> {
  await em.transactional(async (transaction) => {
    const actor = await requireClassMember(transaction, actorId, classId);
    if (actorId !== memberUserId && actor.role !== 'instructor') throw new ForbiddenError('Only the class’s instructors can remove other members.');
    // An archived class is read-only, but anyone may still leave it.
    if (actorId !== memberUserId) assertClassNotArchived(actor.entity);
    await lockClass(transaction, classId);
    const membership = await findTargetMembership(transaction, classId, memberUserId);
    if (membership.role === 'instructor' && (await countInstructors(transaction, classId)) <= 1) throw new ConflictError(lastInstructorMessage);
    transaction.remove(membership);
  });
  publishDomainEvent({ type: 'membership.removed', classId, userId: memberUserId });
}

async function findTargetMembership(em: EntityManager, classId: string, userId: string): Promise<Membership> {
  requireWellFormedId(userId, 'member');
  const membership = await em.findOne(Membership, { class: classId, user: userId }, { refresh: true });
  if (!membership) throw new NotFoundError('member');
  return membership;
}

async function countInstructors(em: EntityManager, classId: string): Promise<number> {
  return em.count(Membership, { class: classId, role: 'instructor' });
}
