import { rotateInviteCode } from '@/lib/classes/class-administration';
import { apiHandler } from '@/lib/http/api-handler';

export const POST = apiHandler<{ id: string }>(({ em, user, params }) => rotateInviteCode(em, user.id, params.id));
