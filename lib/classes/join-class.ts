import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Membership, type MembershipRole } from '@/entities';
import { NotFoundError } from '@/lib/errors';
import type { JoinAttemptKeys, JoinAttemptLimiter } from '@/lib/rate-limit/join-attempt-limiter';
import { isWellFormedInviteCode, normalizeInviteCode } from './invite-code';

export class InviteCodeNotFoundError extends NotFoundError {
  constructor() {
    super('invite code');
    this.message =
      'That invite code does not match a class open for joining: it may be mistyped or replaced by a new one, or joining may be turned off. Check it with your instructor.';
  }
}

export type JoinAttempt = JoinAttemptKeys & { code: string };

/**
 * The class open for joining whose invite code was typed (any case, spaces and dashes
 * ignored), looked up as one try of `limiter`'s. Unknown, rotated and disabled codes and
 * archived classes all get the same answer, `InviteCodeNotFoundError`; a code that cannot be
 * one we issued gets it without a lookup and costs nothing. Too many tries for the user, or
 * too many different codes from the address: `JoinRateLimitedError`, before any lookup.
 */
export async function findJoinableClass(em: EntityManager, limiter: JoinAttemptLimiter, attempt: JoinAttempt): Promise<Class> {
  const code = normalizeInviteCode(attempt.code);
  if (!isWellFormedInviteCode(code)) throw new InviteCodeNotFoundError();
  const found = await limiter.attempt({ userId: attempt.userId, address: attempt.address, code }, () => em.findOne(Class, { inviteCode: code, joinEnabled: true, archivedAt: null }));
  if (!found) throw new InviteCodeNotFoundError();
  return found;
}

/**
 * Joins `userId` to the class whose invite code was typed, as a student (see
 * `findJoinableClass` for what counts as a try and what is refused); a member joining again
 * just gets their role back.
 */
export async function joinClassByInviteCode(em: EntityManager, limiter: JoinAttemptLimiter, attempt: JoinAttempt): Promise<{ classId: string; role: MembershipRole }> {
  const entity = await findJoinableClass(em, limiter, attempt);
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
