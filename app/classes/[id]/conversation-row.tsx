import type { ConversationSummary } from '@/lib/conversations/conversation-schemas';
import { DateText } from '@/app/components/date-text';
import './conversation-list.css';

/** How many of a thing, in words: "1 comment", "3 comments". */
function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * One conversation of the class's list: its title, what is new to the reader since their
 * last visit, its owner, counts and last edit, and the start of its text or, in a search,
 * the passage that matched with the match marked (text segments, never HTML).
 */
export function ConversationRow({ item, ownerName }: { item: ConversationSummary; ownerName: string }) {
  return (
    <li className="conversation-item" data-testid="conversation-row">
      <div className="conversation-row-head">
        <a href={`/conversations/${item.id}`} className="conversation-link">
          {item.title}
        </a>
        {item.sinceLastVisit === 'new' && <span className="badge badge-new">New</span>}
        {item.sinceLastVisit === 'updated' && <span className="badge badge-updated">Updated since your last visit</span>}
        {item.activityId && <span className="badge badge-activity">Class activity</span>}
      </div>
      <p className="muted conversation-meta">
        <span>{ownerName}</span>
        <span>{countOf(item.highlightCount, 'highlight', 'highlights')}</span>
        <span>{countOf(item.commentCount, 'comment', 'comments')}</span>
        <span>
          {item.lastEditedAt ? (
            <>
              last edited <DateText iso={item.lastEditedAt} />
            </>
          ) : (
            <>
              updated <DateText iso={item.updatedAt} />
            </>
          )}
        </span>
      </p>
      {item.snippet ? (
        <p className="conversation-snippet" data-testid="conversation-snippet">
          {item.snippet.source === 'annotations' && <span className="snippet-source">In a comment or tag: </span>}
          {item.snippet.segments.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
        </p>
      ) : (
        item.preview && <p className="conversation-preview">{item.preview}</p>
      )}
    </li>
  );
}
