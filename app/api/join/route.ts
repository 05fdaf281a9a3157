import { z } from 'zod';
import { joinClassByInviteCode } from '@/lib/classes/join-class';
import { apiHandler } from '@/lib/http/api-handler';
import { clientAddressOf } from '@/lib/http/client-address';
import { parseInput } from '@/lib/parse-input';
import { getJoinAttemptLimiter } from '@/lib/rate-limit/join-limiter-instance';

const joinSchema = z.object({ code: z.string({ error: 'is required' }).max(64, 'must be at most 64 characters') }, { error: 'must be an object' });

export const POST = apiHandler(async ({ request, em, user, body }) => {
  const { code } = parseInput(joinSchema, await body());
  return joinClassByInviteCode(em, await getJoinAttemptLimiter(), { userId: user.id, address: clientAddressOf(request), code });
});
