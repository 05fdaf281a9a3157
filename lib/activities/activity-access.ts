import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity, Membership, type MembershipRole } from '@/entities';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { ForbiddenError, NotFoundError } from '@/lib/errors';

export interface ActivityAccess {
  /** With its class loaded. */
  activity: Activity;
  role: MembershipRole;
}

/** Whether an activity has opened: it has no opening date, or that date has passed. */
export function isActivityOpen(activity: Pick<Activity, 'opensAt'>, now: Date = new Date()): boolean {
  return !activity.opensAt || activity.opensAt.getTime() <= now.getTime();
}

/** Whether a student may see an activity: published, and open. Instructors see every activity of their class. */
export function activityVisibleTo(role: MembershipRole, activity: Pick<Activity, 'published' | 'opensAt'>, now: Date = new Date()): boolean {
  return role === 'instructor' || (activity.published && isActivityOpen(activity, now));
}

/**
 * The activity, for a member of its class who may see it (`activityVisibleTo`): the one
 * member guard of an activity. A
 * non-member, and a student looking for an unpublished or unopened activity, get the same
 * `NotFoundError` as for one that does not exist.
 */
export async function requireActivityForMember(em: EntityManager, userId: string, activityId: string): Promise<ActivityAccess> {
  requireWellFormedId(activityId, 'activity');
  const activity = await em.findOne(Activity, activityId, { populate: ['class'] });
  if (!activity) throw new NotFoundError('activity');
  const membership = await em.findOne(Membership, { user: userId, class: activity.class.id }, { fields: ['role'] });
  if (!membership || !activityVisibleTo(membership.role, activity)) throw new NotFoundError('activity');
  return { activity, role: membership.role };
}

/** `requireActivityForMember`, for its class's instructors only; a student who may see it gets `ForbiddenError` (with `refusal`). The one instructor guard of an activity. */
export async function requireActivityForInstructor(
  em: EntityManager,
  userId: string,
  activityId: string,
  refusal = 'Only the class’s instructors can change an activity.',
): Promise<Activity> {
  const { activity, role } = await requireActivityForMember(em, userId, activityId);
  if (role !== 'instructor') throw new ForbiddenError(refusal);
  return activity;
}
