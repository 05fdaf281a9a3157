import type { EntityManager } from '@mikro-orm/postgresql';
import { requireConversationMember } from '@/lib/conversations/conversation-access';
import { withStoredDocument } from '@/lib/submissions/stored-document';
import { workspaceMarkdownFor } from '@/lib/submissions/workspace-export';
import { conversationToMarkdown } from './transcript-markdown';

export interface ConversationExport {
  title: string;
  markdown: string;
}

/**
 * A conversation as Markdown (a workspace as `exportWorkspaceMarkdown` writes it), for a member of its class (anyone else: `NotFoundError`, as
 * for a conversation that does not exist). The document is the stored state plus the log
 * after it, which the sync server writes within milliseconds of each edit, so the export
 * holds what members see live.
 */
export async function exportConversationMarkdown(
  em: EntityManager,
  userId: string,
  conversationId: string,
  options: { exportedAt?: Date } = {},
): Promise<ConversationExport> {
  const access = await requireConversationMember(em, userId, conversationId);
  // A student's workspace: with its header (activity, student, status) and its response.
  if (access.kind === 'workspace') {
    const workspace = await workspaceMarkdownFor(em, access, options.exportedAt);
    if (workspace) return { title: workspace.title, markdown: workspace.markdown };
  }
  const { conversation } = access;
  const markdown = await withStoredDocument(em, conversation.id, (doc) => conversationToMarkdown({ title: conversation.title, doc, exportedAt: options.exportedAt }));
  return { title: conversation.title, markdown };
}
