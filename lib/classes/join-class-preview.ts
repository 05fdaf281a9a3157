import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '@/entities';
import type { JoinAttemptLimiter } from '@/lib/rate-limit/join-attempt-limiter';
import { findJoinableClass, type JoinAttempt } from './join-class';

/** What an invite link shows before anyone joins: the class's name, and nothing else of it. */
export interface InvitationPreview {
  classId: string;
  className: string;
  /** Whether the person is in the class already (the link then just opens it). */
  alreadyMember: boolean;
}

/**
 * The class an invite link leads to, for the page that asks before joining. Joins nobody.
 * Naming the class says the code is live, so this is a try like a join: it spends the same
 * budgets (`findJoinableClass`), and a guesser learns no more by looking than by joining.
 */
export async function previewInvitation(em: EntityManager, limiter: JoinAttemptLimiter, attempt: JoinAttempt): Promise<InvitationPreview> {
  const entity = await findJoinableClass(em, limiter, attempt);
  const membership = await em.findOne(Membership, { user: attempt.userId, class: entity.id }, { fields: ['id'] });
  return { classId: entity.id, className: entity.name, alreadyMember: membership !== null };
}
