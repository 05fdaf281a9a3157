import { notFound } from 'next/navigation';
import { cache } from 'react';
import { loadConversationWorkspace } from '@/lib/conversations/conversation-workspace';
import { getOrm } from '@/lib/db/orm';
import { NotFoundError } from '@/lib/errors';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';

/** The conversation as the signed-in member may open it; others get the 404 page. */
export const loadConversationForPage = cache(async (conversationId: string) => {
  const user = await requireSignedInUser(`/conversations/${encodeURIComponent(conversationId)}`);
  try {
    const workspace = await loadConversationWorkspace((await getOrm()).em.fork(), user.id, conversationId);
    return { user, workspace };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
