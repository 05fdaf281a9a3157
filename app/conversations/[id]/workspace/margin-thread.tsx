'use client';

import { useState } from 'react';
import { COMMENT_MAX_CHARACTERS, type Annotation, type AnnotationDocument } from '@/lib/annotations/annotation-document';
import { AnnotationForm } from './annotation-form';
import { MarginComment } from './margin-comment';
import { isSendShortcut } from './send-shortcut';

interface MarginThreadProps {
  annotation: Annotation;
  store: AnnotationDocument;
  viewer: { id: string; name: string; isInstructor: boolean };
  canWrite: boolean;
  authorLabel: (authorId: string, authorName: string) => string;
  idPrefix: string;
}

/** A highlight's comments, oldest first, and the box to add one (Ctrl/Cmd+Enter sends). */
export function MarginThread({ annotation, store, viewer, canWrite, authorLabel, idPrefix }: MarginThreadProps) {
  const [text, setText] = useState('');
  const inputId = `${idPrefix}comment-${annotation.highlightId}`;
  return (
    <div className="comment-thread">
      {annotation.comments.length > 0 && (
        <ul className="comment-list" aria-label="Comments">
          {annotation.comments.map((comment) => (
            <MarginComment
              key={comment.id}
              highlightId={annotation.highlightId}
              comment={comment}
              store={store}
              viewer={viewer}
              canWrite={canWrite}
              authorLabel={authorLabel}
              idPrefix={idPrefix}
            />
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
