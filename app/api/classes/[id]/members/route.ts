import { apiHandler } from '@/lib/http/api-handler';
import { listClassRoster } from '@/lib/memberships/roster';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => listClassRoster(em, user.id, params.id));
