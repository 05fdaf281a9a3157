import { apiHandler } from '@/lib/http/api-handler';
import { getConversationVersion } from '@/lib/versions/version-administration';

/** One version with its text. */
export const GET = apiHandler<{ id: string; versionId: string }>(({ em, user, params }) => getConversationVersion(em, user.id, params.id, params.versionId));
