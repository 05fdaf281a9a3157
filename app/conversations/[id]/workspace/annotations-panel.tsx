'use client';

import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { canDelete, COMMENT_MAX_CHARACTERS, type Annotation, type AnnotationDocument, type Tag } from '@/lib/annotations/annotation-document';
import type { HighlightRange } from '@/lib/annotations/highlight-ranges';
import { AnnotationForm } from './annotation-form';
import { removeHighlight } from './highlights';
import { isSendShortcut } from './send-shortcut';

interface AnnotationsPanelProps {
  editor: Editor | null;
  ranges: HighlightRange[];
  annotations: Map<string, Annotation>;
  store: AnnotationDocument;
  tags: Tag[];
  viewer: { id: string; name: string; isInstructor: boolean };
  canWrite: boolean;
  focusedId: string | null;
  onFocus: (highlightId: string) => void;
  /** How an author is named here (a peer of an anonymous activity reads the student as "Peer N"); default: as stored. */
  authorLabel?: (authorId: string, authorName: string) => string;
}

const asStored = (_authorId: string, authorName: string) => authorName;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** The highlights in document order, with tags and comment threads; each jumps to its text. */
export function AnnotationsPanel({ editor, ranges, annotations, store, tags, viewer, canWrite, focusedId, onFocus, authorLabel = asStored }: AnnotationsPanelProps) {
  const tagsById = new Map(tags.map((tag) => [tag.id, tag]));
  const items = ranges.flatMap((range) => {
    const annotation = annotations.get(range.highlightId);
    return annotation ? [{ range, annotation }] : [];
  });

  const jump = (range: HighlightRange) => {
    onFocus(range.highlightId);
    if (!editor) return;
    editor.chain().focus().setTextSelection({ from: range.from, to: range.to }).scrollIntoView().run();
  };

  return (
    <section className="annotations-panel" aria-labelledby="annotations-title">
      <h2 id="annotations-title">Highlights ({items.length})</h2>
      {items.length === 0 && <p className="muted">No highlights yet. Select text in the transcript, pick a tag and press “Highlight selection”.</p>}
      <ol className="annotation-list">
        {items.map(({ range, annotation }) => {
          const tag = tagsById.get(annotation.tagId);
          return (
            <li
              key={annotation.highlightId}
              className={`annotation-item${focusedId === annotation.highlightId ? ' annotation-focused' : ''}`}
              data-testid="annotation-item"
            >
              <div className="annotation-head">
                <span className="tag-chip" style={{ backgroundColor: tag?.color ?? '#e5e7eb' }}>
                  {tag?.name ?? 'untagged'}
                </span>
                <button type="button" className="link-button" onClick={() => jump(range)}>
                  Go to text<span className="visually-hidden">: {range.text.slice(0, 60)}</span>
                </button>
                {canWrite && canDelete(annotation, viewer) && (
                  <button type="button" className="link-button" onClick={() => editor && removeHighlight(editor, store, annotation.highlightId)}>
                    Delete highlight
                  </button>
                )}
              </div>
              <blockquote className="annotation-excerpt">{range.text.length > 240 ? `${range.text.slice(0, 240)}…` : range.text}</blockquote>
              <p className="muted annotation-meta">
                {authorLabel(annotation.authorId, annotation.authorName)}, {formatDate(annotation.createdAt)}
              </p>
              <CommentThread annotation={annotation} store={store} viewer={viewer} canWrite={canWrite} authorLabel={authorLabel} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function CommentThread({
  annotation,
  store,
  viewer,
  canWrite,
  authorLabel,
}: {
  annotation: Annotation;
  store: AnnotationDocument;
  viewer: { id: string; name: string; isInstructor: boolean };
  canWrite: boolean;
  authorLabel: (authorId: string, authorName: string) => string;
}) {
  const [text, setText] = useState('');
  const inputId = `comment-${annotation.highlightId}`;
  return (
    <div className="comment-thread">
      {annotation.comments.length > 0 && (
        <ul className="comment-list" aria-label="Comments">
          {annotation.comments.map((comment) => (
            <li key={comment.id} className="comment" data-testid="comment">
              <p className="comment-meta">
                <strong>{authorLabel(comment.authorId, comment.authorName)}</strong> <span className="muted">{formatDate(comment.createdAt)}</span>
                {canWrite && canDelete(comment, viewer) && (
                  <button type="button" className="link-button" onClick={() => store.deleteComment(annotation.highlightId, comment.id)}>
                    Delete<span className="visually-hidden"> comment by {authorLabel(comment.authorId, comment.authorName)}</span>
                  </button>
                )}
              </p>
              <p className="comment-text">{comment.text}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <AnnotationForm
          className="comment-form"
          failure="Could not add the comment."
          onSubmit={() => {
            store.addComment(annotation.highlightId, text, viewer);
            setText('');
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            Comment on this highlight
          </label>
          <textarea
            id={inputId}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (!isSendShortcut({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isComposing: event.nativeEvent.isComposing })) return;
              event.preventDefault();
              if (text.trim()) event.currentTarget.form?.requestSubmit();
            }}
            rows={2}
            maxLength={COMMENT_MAX_CHARACTERS}
            placeholder="Add a comment"
            aria-describedby={`${inputId}-hint`}
          />
          <span id={`${inputId}-hint`} className="visually-hidden">
            Ctrl+Enter sends.
          </span>
          <button type="submit" className="secondary" disabled={!text.trim()}>
            Comment
          </button>
        </AnnotationForm>
      )}
    </div>
  );
}
