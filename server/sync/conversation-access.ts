import type pg from 'pg';
import { checkLiveDocumentAccess, type LiveDocumentAccess, type RunQuery } from '@/lib/conversations/conversation-access';

/** What the sync server decides a connection may do: `LiveDocumentAccess`, the one rule. */
export type ConversationAccess = LiveDocumentAccess;

/**
 * Who may open a conversation's live document: the shared checker
 * (`checkLiveDocumentAccess`) run on the sync server's own pool.
 */
export class ConversationAccessChecker {
  private readonly query: RunQuery;

  constructor(pool: pg.Pool) {
    // `?` placeholders, as the ORM writes them, become pg's `$1`, `$2`, ….
    this.query = async <Row extends object>(sql: string, parameters: unknown[]) => {
      let position = 0;
      return (await pool.query(sql.replace(/\?/g, () => `$${++position}`), parameters)).rows as Row[];
    };
  }

  async check(userId: string, conversationId: string): Promise<ConversationAccess> {
    return checkLiveDocumentAccess(this.query, userId, conversationId);
  }
}
