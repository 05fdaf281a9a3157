import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import * as Y from 'yjs';
import { requireConversationMember } from '@/lib/conversations/conversation-access';
import { NotFoundError } from '@/lib/errors';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { exportWorkspaceMarkdown } from '@/lib/submissions/workspace-export';
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
  const { conversation, kind } = await requireConversationMember(em, userId, conversationId);
  // A student's workspace: with its header (activity, student, status) and its response.
  if (kind === 'workspace') {
    const workspace = await exportWorkspaceMarkdown(em, userId, conversationId, options.exportedAt);
    if (workspace) return { title: workspace.title, markdown: workspace.markdown };
  }
  const pool = (await (em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const stored = await new PostgresDocumentStore(pool).load(conversation.id);
  // Deleted between the membership check and the read.
  if (!stored) throw new NotFoundError('conversation');

  const doc = new Y.Doc();
  try {
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    return { title: conversation.title, markdown: conversationToMarkdown({ title: conversation.title, doc, exportedAt: options.exportedAt }) };
  } finally {
    doc.destroy();
  }
}
