import type pg from 'pg';
import { checkLiveDocumentAccess, type LiveDocumentAccess, type RunQuery } from '../../lib/conversations/conversation-access';

/** What the sync server decides a connection may do: `LiveDocumentAccess`, the one rule. */
export type ConversationAccess = LiveDocumentAccess;

/**
 * Who may open a conversation's live document: the shared checker
 * (`checkLiveDocumentAccess`) run on the sync server's own pool.
 */
export class ConversationAccessChecker {
  private readonly query: RunQuery;

  constructor(pool: pg.Pool) {
    this.query = async <Row>(sql: string, parameters: unknown[]) => (await pool.query(sql, parameters)).rows as Row[];
  }

  async check(userId: string, conversationId: string): Promise<ConversationAccess> {
    return checkLiveDocumentAccess(this.query, userId, conversationId);
  }
}
