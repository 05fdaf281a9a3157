import { apiHandler } from '@/lib/http/api-handler';
import { unsubmitWorkspace } from '@/lib/submissions/submission-administration';

/** The workspace's student takes it back before the due date. */
export const POST = apiHandler<{ id: string }>(({ em, user, params }) => unsubmitWorkspace(em, user.id, params.id));
