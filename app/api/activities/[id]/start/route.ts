import { startWorkspace } from '@/lib/activities/start-workspace';
import { apiHandler } from '@/lib/http/api-handler';

export const POST = apiHandler<{ id: string }>(({ em, user, params }) => startWorkspace(em, user.id, params.id));
