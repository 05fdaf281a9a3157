'use client';

import { canDelete, canResolve, type Annotation, type AnnotationDocument, type Tag } from '@/lib/annotations/annotation-document';
import type { HighlightRange } from '@/lib/annotations/highlight-ranges';
import { AnnotationTime } from './margin-dates';
import { MarginThread } from './margin-thread';

export interface HighlightCardProps {
  annotation: Annotation;
  range: HighlightRange;
  tag: Tag | undefined;
  /** Its place among the highlights, in document order (from 1), for screen readers. */
  number: number;
  total: number;
  store: AnnotationDocument;
  viewer: { id: string; name: string; isInstructor: boolean };
  /** Whether the viewer may highlight and comment here now (the server decides again). */
  canWrite: boolean;
  selected: boolean;
  onSelect: () => void;
  /** Puts the text selection on the highlight, in the transcript. */
  onJump: () => void;
  onDelete: () => void;
  authorLabel: (authorId: string, authorName: string) => string;
  /** Keeps the ids of a second copy of the card (the phone's sheet) distinct. */
  idPrefix: string;
  cardRef?: (element: HTMLElement | null) => void;
}

const excerptOf = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

/**
 * A highlight's card: its tag, its text, who made it, and its comment thread. It is selected
 * by a click, by focus (Tab reaches it) or by Enter, which marks its highlight in the text. A
 * resolved thread is kept but shown as one line until it is reopened.
 */
export function HighlightCard(props: HighlightCardProps) {
  const { annotation, range, tag, number, total, store, viewer, canWrite, selected, onSelect, onJump, onDelete, authorLabel, idPrefix, cardRef } = props;
  const tagName = tag?.name ?? 'untagged';
  const mayResolve = canWrite && canResolve(annotation, viewer);
  const comments = annotation.comments.length;
  const label = `Highlight ${number} of ${total}, ${tagName}: “${excerptOf(range.text, 60)}”${annotation.resolved ? ', resolved' : ''}`;
  const resolveButton = mayResolve && (
    <button type="button" className="link-button" onClick={() => store.setResolved(annotation.highlightId, !annotation.resolved, viewer)}>
      {annotation.resolved ? 'Reopen' : 'Resolve'}
      <span className="visually-hidden"> this thread</span>
    </button>
  );

  return (
    <article
      ref={cardRef}
      tabIndex={0}
      className={`annotation-item${selected ? ' annotation-focused' : ''}${annotation.resolved ? ' annotation-resolved' : ''}`}
      data-testid="annotation-item"
      data-highlight-id={annotation.highlightId}
      aria-label={label}
      aria-current={selected ? 'true' : undefined}
      onClick={() => {
        if (!selected) onSelect();
      }}
      onFocus={() => {
        if (!selected) onSelect();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
        event.preventDefault();
        onSelect();
      }}
    >
      <div className="annotation-head">
        <span className="tag-chip" style={{ backgroundColor: tag?.color ?? '#e5e7eb' }}>
          {tagName}
        </span>
        <button type="button" className="link-button" onClick={onJump}>
          Go to text<span className="visually-hidden">: {range.text.slice(0, 60)}</span>
        </button>
        {!annotation.resolved && resolveButton}
        {canWrite && canDelete(annotation, viewer) && (
          <button type="button" className="link-button" onClick={onDelete}>
            Delete highlight
          </button>
        )}
      </div>
      {annotation.resolved ? (
        <p className="annotation-resolved-summary" data-testid="resolved-summary">
          <span className="annotation-resolved-line">
            Resolved{annotation.resolution ? ` by ${authorLabel(annotation.resolution.byId, annotation.resolution.byName)}` : ''} · {comments} {comments === 1 ? 'comment' : 'comments'} · “
            {excerptOf(range.text, 80)}”
          </span>
          {resolveButton}
        </p>
      ) : (
        <>
          <blockquote className="annotation-excerpt">{excerptOf(range.text, 240)}</blockquote>
          <p className="muted annotation-meta">
            {authorLabel(annotation.authorId, annotation.authorName)}, <AnnotationTime iso={annotation.createdAt} />
          </p>
          <MarginThread annotation={annotation} store={store} viewer={viewer} canWrite={canWrite} authorLabel={authorLabel} idPrefix={idPrefix} />
        </>
      )}
    </article>
  );
}
