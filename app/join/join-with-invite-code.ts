import { headers } from 'next/headers';
import { joinClassByInviteCode } from '../../lib/classes/join-class';
import { CLIENT_ADDRESS_HEADER } from '../../lib/http/client-address';
import { getJoinAttemptLimiter } from '../../lib/rate-limit/join-limiter-instance';
import { runAsSignedInUser, type ActionOutcome } from '../forms/run-as-signed-in-user';

/**
 * Joins the signed-in user to the class of `code`, counting a failure against them and
 * against their address (which the custom server stamps on every request).
 */
export async function joinWithInviteCode(code: string): Promise<ActionOutcome<{ classId: string }>> {
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  return runAsSignedInUser(async (em, user) => joinClassByInviteCode(em, await getJoinAttemptLimiter(), { userId: user.id, address, code }));
}
