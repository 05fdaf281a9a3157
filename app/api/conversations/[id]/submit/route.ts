import { apiHandler } from '@/lib/http/api-handler';
import { submitWorkspace } from '@/lib/submissions/submission-administration';

/** The workspace's student hands it in: read-only for them until it is returned or unsubmitted. */
export const POST = apiHandler<{ id: string }>(({ em, user, params }) => submitWorkspace(em, user.id, params.id));
