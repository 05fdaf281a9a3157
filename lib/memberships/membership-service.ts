import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Membership, User } from '../../entities';
import { isForeignKeyViolation, isUniqueViolation } from '../db/constraint-violation';
import { loadById } from '../db/load-by-id';
import { ConflictError, NotFoundError } from '../errors';
import { entityId } from '../field-schemas';
import { parseInput, parsePatch } from '../parse-input';
import {
  membershipCreateSchema,
  membershipUpdateSchema,
  toMembershipRead,
  type MembershipCreateInput,
  type MembershipRead,
  type MembershipUpdateInput,
} from './membership-schemas';

/** Makes a user a member of a class; a user is a member of a class at most once. */
export async function addMembership(em: EntityManager, input: MembershipCreateInput): Promise<MembershipRead> {
  const data = parseInput(membershipCreateSchema, input);
  let membership: Membership;
  try {
    membership = await em.transactional(async (transaction) =>
      transaction.create(Membership, {
        user: transaction.getReference(User, data.userId),
        class: transaction.getReference(Class, data.classId),
        role: data.role,
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error, 'memberships_user_class_unique')) throw new ConflictError('That user is already a member of this class.');
    if (isForeignKeyViolation(error, 'memberships_user_id_foreign')) throw new NotFoundError('user');
    if (isForeignKeyViolation(error, 'memberships_class_id_foreign')) throw new NotFoundError('class');
    throw error;
  }
  return toMembershipRead(membership);
}

export async function getMembershipById(em: EntityManager, id: string): Promise<MembershipRead> {
  return toMembershipRead(await loadById(em, Membership, id, 'membership'));
}

/** The user's membership of the class, or null: what authorization asks first. */
export async function findMembership(em: EntityManager, userId: string, classId: string): Promise<MembershipRead | null> {
  if (!entityId().safeParse(userId).success || !entityId().safeParse(classId).success) return null;
  const membership = await em.findOne(Membership, { user: userId, class: classId });
  return membership ? toMembershipRead(membership) : null;
}

export async function updateMembership(em: EntityManager, id: string, input: MembershipUpdateInput): Promise<MembershipRead> {
  const changes = parsePatch(membershipUpdateSchema, input);
  const membership = await em.transactional(async (transaction) =>
    transaction.assign(await loadById(transaction, Membership, id, 'membership'), changes),
  );
  return toMembershipRead(membership);
}
