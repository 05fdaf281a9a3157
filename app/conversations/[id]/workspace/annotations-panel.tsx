'use client';

import type { Editor } from '@tiptap/react';
import { useEffect, useState, type ReactNode } from 'react';
import type { Annotation, AnnotationDocument, Tag } from '@/lib/annotations/annotation-document';
import type { HighlightRange } from '@/lib/annotations/highlight-ranges';
import { removeHighlight } from './highlights';
import { HighlightCard } from './margin-card';
import { MarginColumn } from './margin-column';
import { MarginSheet } from './margin-sheet';
import { useNarrowViewport } from './margin-viewport';
import './margin.css';

interface AnnotationsPanelProps {
  editor: Editor | null;
  ranges: HighlightRange[];
  annotations: Map<string, Annotation>;
  store: AnnotationDocument;
  tags: Tag[];
  viewer: { id: string; name: string; isInstructor: boolean };
  /** Whether the viewer may highlight and comment now (annotating, not editing the text; the server decides again). */
  canWrite: boolean;
  focusedId: string | null;
  onFocus: (highlightId: string) => void;
  /** How an author is named here (a peer of an anonymous activity reads the student as "Peer N"); default: as stored. */
  authorLabel?: (authorId: string, authorName: string) => string;
  /** The form to add a tag, shown under the heading when the viewer may add one. */
  tagForm?: ReactNode;
}

const asStored = (_authorId: string, authorName: string) => authorName;

/** The highlight the caret (or the selection's moving end) is in, preferring the one already selected. */
function highlightAtCaret(editor: Editor, selectedId: string | null): string | null {
  const ids = editor.state.selection.$head
    .marks()
    .filter((mark) => mark.type.name === 'highlight' && typeof mark.attrs.highlightId === 'string')
    .map((mark) => mark.attrs.highlightId as string);
  if (selectedId && ids.includes(selectedId)) return selectedId;
  return ids[0] ?? null;
}

/**
 * The highlights' cards. On a wide screen each sits in the margin beside its passage; on a
 * phone they are listed under the transcript, and tapping a highlight opens its card in a
 * sheet. A highlight and its card select each other: the caret in a highlight selects its
 * card, and a card clicked or focused marks its highlight (`focusedId`).
 */
export function AnnotationsPanel({ editor, ranges, annotations, store, tags, viewer, canWrite, focusedId, onFocus, authorLabel = asStored, tagForm }: AnnotationsPanelProps) {
  const narrow = useNarrowViewport();
  const [sheetId, setSheetId] = useState<string | null>(null);
  const tagsById = new Map(tags.map((tag) => [tag.id, tag]));
  const items = ranges.flatMap((range) => {
    const annotation = annotations.get(range.highlightId);
    return annotation ? [{ range, annotation }] : [];
  });

  // The caret moved into a highlight (a click, the arrow keys): its card is selected.
  useEffect(() => {
    if (!editor) return;
    const onSelection = () => {
      if (!editor.view.hasFocus()) return;
      const id = highlightAtCaret(editor, focusedId);
      if (id && id !== focusedId) onFocus(id);
    };
    editor.on('selectionUpdate', onSelection);
    return () => {
      editor.off('selectionUpdate', onSelection);
    };
  }, [editor, focusedId, onFocus]);

  // On a phone, a tap on a highlight opens its card in the sheet.
  useEffect(() => {
    if (!editor || !narrow) return;
    const dom = editor.view.dom;
    const onTap = (event: MouseEvent) => {
      const mark = event.target instanceof Element ? event.target.closest('mark[data-highlight-id]') : null;
      const id = mark?.getAttribute('data-highlight-id');
      if (!id || !annotations.has(id)) return;
      onFocus(id);
      setSheetId(id);
    };
    dom.addEventListener('click', onTap);
    return () => dom.removeEventListener('click', onTap);
  }, [editor, narrow, annotations, onFocus]);

  const sheetItem = narrow && sheetId ? items.find((item) => item.range.highlightId === sheetId) : undefined;

  const jump = (range: HighlightRange) => {
    onFocus(range.highlightId);
    if (!editor) return;
    editor.chain().focus().setTextSelection({ from: range.from, to: range.to }).scrollIntoView().run();
  };

  const card = ({ range, annotation }: (typeof items)[number], index: number, idPrefix: string, cardRef?: (element: HTMLElement | null) => void) => (
    <HighlightCard
      annotation={annotation}
      range={range}
      tag={tagsById.get(annotation.tagId)}
      number={index + 1}
      total={items.length}
      store={store}
      viewer={viewer}
      canWrite={canWrite}
      selected={focusedId === annotation.highlightId}
      onSelect={() => onFocus(annotation.highlightId)}
      onJump={() => {
        setSheetId(null);
        jump(range);
      }}
      onDelete={() => {
        if (sheetId === annotation.highlightId) setSheetId(null);
        if (editor) removeHighlight(editor, store, annotation.highlightId);
      }}
      authorLabel={authorLabel}
      idPrefix={idPrefix}
      cardRef={cardRef}
    />
  );

  return (
    <section className={`annotations-panel${narrow ? '' : ' margin-mode'}`} aria-labelledby="annotations-title">
      <div className="annotations-panel-head">
        <h2 id="annotations-title">Highlights ({items.length})</h2>
        {tagForm}
      </div>
      {items.length === 0 && (
        <p className="muted" data-testid="highlights-empty">
          {canWrite
            ? 'No highlights yet. Select text in the transcript, pick a tag and press “Highlight selection”: its card appears here, beside the text, for comments.'
            : 'No highlights yet.'}
        </p>
      )}
      {narrow ? (
        <ol className="annotation-list">
          {items.map((item, index) => (
            <li key={item.annotation.highlightId}>{card(item, index, '')}</li>
          ))}
        </ol>
      ) : (
        <MarginColumn
          editor={editor}
          selectedId={focusedId}
          items={items.map((item, index) => ({ id: item.annotation.highlightId, card: (cardRef) => card(item, index, '', cardRef) }))}
        />
      )}
      {sheetItem && (
        <MarginSheet title={`Highlight: ${tagsById.get(sheetItem.annotation.tagId)?.name ?? 'untagged'}`} onClose={() => setSheetId(null)}>
          {card(sheetItem, items.indexOf(sheetItem), 'sheet-')}
        </MarginSheet>
      )}
    </section>
  );
}
