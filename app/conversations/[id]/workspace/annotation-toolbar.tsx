'use client';

import type { Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import type { AnnotationDocument, Tag } from '@/lib/annotations/annotation-document';
import { createHighlight } from './highlights';

interface AnnotationToolbarProps {
  editor: Editor | null;
  annotations: AnnotationDocument;
  tags: Tag[];
  author: { id: string; name: string };
  enabled: boolean;
  onCreated: (highlightId: string) => void;
}

/** Select text, pick a tag, highlight: the highlight and its annotation appear for everyone. */
export function AnnotationToolbar({ editor, annotations, tags, author, enabled, onCreated }: AnnotationToolbarProps) {
  const [tagId, setTagId] = useState(tags[0]?.id ?? '');
  const [hasSelection, setHasSelection] = useState(false);

  useEffect(() => {
    if (!editor) return;
    const check = () => setHasSelection(!editor.state.selection.empty);
    editor.on('selectionUpdate', check);
    editor.on('transaction', check);
    return () => {
      editor.off('selectionUpdate', check);
      editor.off('transaction', check);
    };
  }, [editor]);

  useEffect(() => {
    if (!tags.some((tag) => tag.id === tagId) && tags[0]) setTagId(tags[0].id);
  }, [tags, tagId]);

  const highlight = () => {
    const highlightId = editor && createHighlight(editor, annotations, tagId, author);
    if (highlightId) onCreated(highlightId);
  };

  return (
    <div className="annotation-toolbar" role="toolbar" aria-label="Annotate the transcript">
      <label htmlFor="highlight-tag">Tag</label>
      <select id="highlight-tag" value={tagId} onChange={(event) => setTagId(event.target.value)} disabled={!enabled}>
        {tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        onMouseDown={(event) => event.preventDefault()}
        onClick={highlight}
        disabled={!enabled || !hasSelection}
        title={hasSelection ? 'Highlight the selected text with this tag' : 'Select some text first'}
      >
        Highlight selection
      </button>
      {enabled && !hasSelection && <span className="muted">Select text in the transcript to highlight it.</span>}
    </div>
  );
}
