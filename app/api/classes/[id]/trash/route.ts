import { listClassTrash } from '@/lib/conversations/conversation-trash';
import { apiHandler } from '@/lib/http/api-handler';

export const GET = apiHandler<{ id: string }>(({ em, user, params }) => listClassTrash(em, user.id, params.id));
