'use client';

import type { Annotation, Tag } from '@/lib/annotations/annotation-document';

const safeColor = /^#[0-9a-f]{6}$/i;

interface ProjectorDiscussionProps {
  annotation: Annotation | undefined;
  tag: Tag | undefined;
  /** The highlighted text. */
  quote: string;
  authorLabel: (authorId: string, authorName: string) => string;
}

/** The highlight under discussion on the projector: its tag, its text and its comments, large and read-only. */
export function ProjectorDiscussion({ annotation, tag, quote, authorLabel }: ProjectorDiscussionProps) {
  const comments = annotation?.comments ?? [];
  return (
    <aside className="projector-discussion" aria-label="Under discussion" data-testid="projector-discussion">
      <p className="projector-tag">
        <span className="projector-swatch" aria-hidden="true" style={{ background: tag && safeColor.test(tag.color) ? tag.color : undefined }} />
        {tag?.name ?? 'Highlight'}
      </p>
      {quote && <blockquote className="projector-quote">{quote}</blockquote>}
      {comments.length === 0 ? (
        <p className="projector-no-comments">No comments yet.</p>
      ) : (
        <ol className="projector-comments">
          {comments.map((comment) => (
            <li key={comment.id} className="projector-comment" data-testid="projector-comment">
              <p className="projector-comment-text">{comment.text}</p>
              <p className="projector-comment-author">{authorLabel(comment.authorId, comment.authorName)}</p>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
