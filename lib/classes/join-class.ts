import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Membership, type MembershipRole } from '../../entities';
import { NotFoundError } from '../errors';
import type { JoinAttemptKeys, JoinAttemptLimiter } from '../rate-limit/join-attempt-limiter';
import { isWellFormedInviteCode, normalizeInviteCode } from './invite-code';

export class InviteCodeNotFoundError extends NotFoundError {
  constructor() {
    super('invite code');
    this.message = 'That invite code does not match a class open for joining. Check it with your instructor.';
  }
}

/**
 * Joins `userId` to the class whose invite code was typed (any case, spaces and dashes
 * ignored), as a student. Unknown, rotated and disabled codes and archived classes all get
 * the same answer, and count as a failed attempt; a member joining again just gets their
 * role back. Too many failures for the user or the address: `RateLimitedError`.
 */
export async function joinClassByInviteCode(
  em: EntityManager,
  limiter: JoinAttemptLimiter,
  attempt: JoinAttemptKeys & { code: string },
): Promise<{ classId: string; role: MembershipRole }> {
  await limiter.assertAllowed(attempt);
  const code = normalizeInviteCode(attempt.code);
  const entity = isWellFormedInviteCode(code) ? await em.findOne(Class, { inviteCode: code, joinEnabled: true, archivedAt: null }) : null;
  if (!entity) {
    await limiter.recordFailure(attempt);
    throw new InviteCodeNotFoundError();
  }
  // Insert-or-nothing, then read: a double-click or two tabs end with one membership.
  await em.execute(
    `insert into memberships (id, user_id, class_id, role) values (gen_random_uuid(), ?, ?, 'student')
     on conflict on constraint memberships_user_class_unique do nothing`,
    [attempt.userId, entity.id],
    'run',
  );
  const membership = await em.findOneOrFail(Membership, { user: attempt.userId, class: entity.id }, { refresh: true });
  return { classId: entity.id, role: membership.role };
}
