import { apiHandler } from '@/lib/http/api-handler';
import { restoreConversationVersion } from '@/lib/versions/version-administration';

/** Makes the live document that version again. */
export const POST = apiHandler<{ id: string; versionId: string }>(({ em, user, params }) => restoreConversationVersion(em, user.id, params.id, params.versionId));
