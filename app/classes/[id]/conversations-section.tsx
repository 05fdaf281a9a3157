import { browseClassConversations } from '@/lib/conversations/browse-class-conversations';
import { getOrm } from '@/lib/db/orm';
import { InvalidError } from '@/lib/errors';
import { limits } from '@/lib/limits';
import { classMemberNames } from '@/lib/memberships/roster-page';
import { ConversationRow } from './conversation-row';

interface ConversationsSectionProps {
  classId: string;
  userId: string;
  canStart: boolean;
  query: { q?: string; cursor?: string };
}

/**
 * The class's conversations: newest first, or the best matches for a search over titles,
 * text, comments and tags with the passage that matched; a page at a time, each row saying
 * what is new to the reader since their last visit, and its owner's name (one query for the
 * page's owners).
 */
export async function ConversationsSection({ classId, userId, canStart, query }: ConversationsSectionProps) {
  const em = (await getOrm()).em.fork();
  let page;
  let problem: string | null = null;
  try {
    page = await browseClassConversations(em, userId, classId, { q: query.q, cursor: query.cursor, limit: 20 });
  } catch (error) {
    if (!(error instanceof InvalidError)) throw error;
    problem = error.message;
  }
  const names = page ? await classMemberNames(em, userId, classId, page.items.map((item) => item.ownerId)) : new Map<string, string>();
  const searching = Boolean(query.q?.trim());
  return (
    <section className="card class-section" id="conversations" aria-labelledby="conversations-title">
      <div className="section-head">
        <h2 id="conversations-title">Conversations</h2>
        {canStart && (
          <a className="button" href={`/classes/${classId}/conversations/new`}>
            New conversation
          </a>
        )}
      </div>
      <form role="search" method="get" action={`/classes/${classId}`} className="inline-form">
        <label htmlFor="conversation-search">Search titles, text, comments and tags</label>
        <input id="conversation-search" name="q" type="search" defaultValue={query.q ?? ''} maxLength={300} />
        <button type="submit" className="secondary">
          Search
        </button>
        {searching && <a href={`/classes/${classId}`}>Show all</a>}
      </form>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {page && page.items.length === 0 && (
        <p className="empty-state">{searching ? 'No conversation matches that search.' : 'No conversations yet. Start one by pasting a chat.'}</p>
      )}
      {page && page.items.length > 0 && (
        <ul className="conversation-list" data-testid="conversation-list">
          {page.items.map((item) => (
            <ConversationRow key={item.id} item={item} ownerName={names.get(item.ownerId) ?? 'A former member'} />
          ))}
        </ul>
      )}
      {page?.nextCursor && (
        <a className="button secondary" href={`/classes/${classId}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: page.nextCursor }).toString()}`}>
          More conversations
        </a>
      )}
      <p className="muted">
        Deleted conversations wait in the <a href={`/classes/${classId}/trash`}>class’s trash</a> for {limits.trash.retentionDays} days.
      </p>
    </section>
  );
}
