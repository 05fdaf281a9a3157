import { apiHandler } from '@/lib/http/api-handler';
import { returnWorkspace } from '@/lib/submissions/submission-administration';

/** An instructor returns the work with `{grade?, feedback?}`: its student can edit again. */
export const POST = apiHandler<{ id: string }>(async ({ em, user, params, body }) => returnWorkspace(em, user.id, params.id, await body()));
