import { apiHandler, jsonResponse } from '@/lib/http/api-handler';
import { keepConversationVersion, listConversationVersions } from '@/lib/versions/version-administration';

/** The conversation's versions, newest first. */
export const GET = apiHandler<{ id: string }>(({ em, user, params, request }) => {
  const search = new URL(request.url).searchParams;
  return listConversationVersions(em, user.id, params.id, { limit: search.get('limit') ?? undefined, cursor: search.get('cursor') ?? undefined });
});

/** Keeps a version of the document as it is now. */
export const POST = apiHandler<{ id: string }>(async ({ em, user, params, body }) => jsonResponse(await keepConversationVersion(em, user.id, params.id, await body()), 201));
