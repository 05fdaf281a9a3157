'use client';

import { useRef, useState } from 'react';
import { canDelete, canEditText, COMMENT_MAX_CHARACTERS, type AnnotationComment, type AnnotationDocument } from '@/lib/annotations/annotation-document';
import { AnnotationForm } from './annotation-form';
import { AnnotationTime } from './margin-dates';
import { isSendShortcut } from './send-shortcut';

interface MarginCommentProps {
  highlightId: string;
  comment: AnnotationComment;
  store: AnnotationDocument;
  viewer: { id: string; isInstructor: boolean };
  canWrite: boolean;
  authorLabel: (authorId: string, authorName: string) => string;
  /** Keeps the ids of a second copy of the card (the phone's sheet) distinct. */
  idPrefix: string;
}

/** One comment of a thread: its author, time ("edited" once changed), text; Edit for its author, Delete for its author or an instructor. */
export function MarginComment({ highlightId, comment, store, viewer, canWrite, authorLabel, idPrefix }: MarginCommentProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const author = authorLabel(comment.authorId, comment.authorName);
  const inputId = `${idPrefix}edit-${comment.id}`;
  const stopEditing = () => {
    setDraft(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  return (
    <li className="comment" data-testid="comment">
      <p className="comment-meta">
        <strong>{author}</strong>{' '}
        <span className="muted">
          <AnnotationTime iso={comment.createdAt} />
        </span>
        {comment.editedAt && (
          <span className="muted comment-edited" data-testid="comment-edited">
            {' '}
            (edited<span className="visually-hidden">
              {' '}
              <AnnotationTime iso={comment.editedAt} />
            </span>
            )
          </span>
        )}
        {canWrite && draft === null && canEditText(comment, viewer) && (
          <button type="button" ref={editButton} className="link-button" onClick={() => setDraft(comment.text)}>
            Edit<span className="visually-hidden"> your comment</span>
          </button>
        )}
        {canWrite && draft === null && canDelete(comment, viewer) && (
          <button type="button" className="link-button" onClick={() => store.deleteComment(highlightId, comment.id)}>
            Delete<span className="visually-hidden"> comment by {author}</span>
          </button>
        )}
      </p>
      {draft === null ? (
        <p className="comment-text">{comment.text}</p>
      ) : (
        <AnnotationForm
          className="comment-form comment-edit-form"
          failure="Could not save the comment."
          onSubmit={() => {
            store.editComment(highlightId, comment.id, draft);
            stopEditing();
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            Edit your comment
          </label>
          <textarea
            id={inputId}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                stopEditing();
                return;
              }
              if (!isSendShortcut({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isComposing: event.nativeEvent.isComposing })) return;
              event.preventDefault();
              if (draft.trim()) event.currentTarget.form?.requestSubmit();
            }}
            rows={3}
            maxLength={COMMENT_MAX_CHARACTERS}
            aria-describedby={`${inputId}-hint`}
          />
          <span id={`${inputId}-hint`} className="visually-hidden">
            Ctrl+Enter saves, Escape cancels.
          </span>
          <div className="comment-edit-actions">
            <button type="submit" className="secondary" disabled={!draft.trim()}>
              Save
            </button>
            <button type="button" className="secondary" onClick={stopEditing}>
              Cancel
            </button>
          </div>
        </AnnotationForm>
      )}
    </li>
  );
}
