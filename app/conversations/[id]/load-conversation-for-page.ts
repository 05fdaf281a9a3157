import { notFound } from 'next/navigation';
import { cache } from 'react';
import { loadConversationWorkspace } from '@/lib/conversations/conversation-workspace';
import { getOrm } from '@/lib/db/orm';
import { NotFoundError } from '@/lib/errors';
import { courseworkForWorkspace } from '@/lib/submissions/workspace-coursework';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';

/** The conversation as the signed-in member may open it, with its coursework when it is a student's workspace; others get the 404 page. */
export const loadConversationForPage = cache(async (conversationId: string) => {
  const user = await requireSignedInUser(`/conversations/${encodeURIComponent(conversationId)}`);
  try {
    const em = (await getOrm()).em.fork();
    const workspace = await loadConversationWorkspace(em, user.id, conversationId);
    const coursework = await courseworkForWorkspace(em, user.id, conversationId);
    return { user, workspace, coursework };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});
