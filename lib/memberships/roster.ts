import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership, type MembershipRole } from '@/entities';
import { requireClassMember } from '@/lib/classes/class-access';
import { toTimestamp } from '@/lib/field-schemas';

/** A member as everyone in the class sees them. */
export interface RosterEntry {
  userId: string;
  name: string;
  role: MembershipRole;
}

/** A member as instructors see them: with email and when they joined. */
export interface InstructorRosterEntry extends RosterEntry {
  email: string;
  joinedAt: string;
}

/** The class's members, instructors first, then by name; emails and dates for instructors only. */
export async function listClassRoster(em: EntityManager, userId: string, classId: string): Promise<RosterEntry[] | InstructorRosterEntry[]> {
  const { role } = await requireClassMember(em, userId, classId);
  const memberships = await em.find(
    Membership,
    { class: classId },
    {
      populate: ['user'],
      fields: ['role', 'createdAt', 'user.id', 'user.name', 'user.email'],
      orderBy: [{ role: 'asc' }, { user: { name: 'asc' } }, { user: { id: 'asc' } }],
    },
  );
  if (role === 'instructor') {
    return memberships.map((membership) => ({
      userId: membership.user.id,
      name: membership.user.name,
      role: membership.role,
      email: membership.user.email,
      joinedAt: toTimestamp(membership.createdAt),
    }));
  }
  return memberships.map((membership) => ({ userId: membership.user.id, name: membership.user.name, role: membership.role }));
}
