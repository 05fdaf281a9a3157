import { browseClassConversations } from '@/lib/conversations/browse-class-conversations';
import { startConversation, startConversationSchema } from '@/lib/conversations/start-conversation';
import { apiHandler, jsonResponse } from '@/lib/http/api-handler';
import { parseInput } from '@/lib/parse-input';

export const GET = apiHandler<{ id: string }>(({ em, user, params, request }) => {
  const search = new URL(request.url).searchParams;
  return browseClassConversations(em, user.id, params.id, {
    limit: search.get('limit') ?? undefined,
    cursor: search.get('cursor') ?? undefined,
    q: search.get('q') ?? undefined,
  });
});

export const POST = apiHandler<{ id: string }>(async ({ em, user, params, body }) =>
  jsonResponse(await startConversation(em, user.id, params.id, parseInput(startConversationSchema, await body())), 201),
);
