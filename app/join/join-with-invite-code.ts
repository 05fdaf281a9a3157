import type { EntityManager } from '@mikro-orm/postgresql';
import { headers } from 'next/headers';
import { previewInvitation, type InvitationPreview } from '@/lib/classes/join-class-preview';
import { joinClassByInviteCode } from '@/lib/classes/join-class';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { JoinRateLimitedError, type JoinAttemptKeys, type JoinAttemptLimiter } from '@/lib/rate-limit/join-attempt-limiter';
import { getJoinAttemptLimiter } from '@/lib/rate-limit/join-limiter-instance';
import { runAsSignedInUser, type ActionOutcome } from '@/app/forms/run-as-signed-in-user';

/** Joins the signed-in user to the class of `code`: one try for them and for their address. */
export function joinWithInviteCode(code: string): Promise<ActionOutcome<{ classId: string }>> {
  return asInviteCodeTry((em, limiter, keys) => joinClassByInviteCode(em, limiter, { ...keys, code }));
}

/** The class of `code`, named for the page that asks before joining: one try, like a join. */
export function previewWithInviteCode(code: string): Promise<ActionOutcome<InvitationPreview>> {
  return asInviteCodeTry((em, limiter, keys) => previewInvitation(em, limiter, { ...keys, code }));
}

/**
 * Runs one service call as the signed-in user's try with an invite code, from their address
 * (which the custom server stamps on every request). A refusal for too many tries keeps the
 * limiter's own words: whose tries ran out (the account's or the network's) and for how long.
 */
async function asInviteCodeTry<T>(work: (em: EntityManager, limiter: JoinAttemptLimiter, keys: JoinAttemptKeys) => Promise<T>): Promise<ActionOutcome<T>> {
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  const limiter = await getJoinAttemptLimiter();
  let refusal: JoinRateLimitedError | undefined;
  const outcome = await runAsSignedInUser(async (em, user) => {
    try {
      return await work(em, limiter, { userId: user.id, address });
    } catch (error) {
      if (error instanceof JoinRateLimitedError) refusal = error;
      throw error;
    }
  });
  return !outcome.ok && refusal ? { ok: false, error: { status: 'error', message: refusal.message } } : outcome;
}
