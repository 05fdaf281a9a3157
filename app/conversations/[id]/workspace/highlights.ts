import type { Editor } from '@tiptap/react';
import type { AnnotationDocument } from '@/lib/annotations/annotation-document';
import { highlightsExactlyOn, highlightSpans } from '@/lib/annotations/highlight-ranges';

/**
 * A highlight is two things in the conversation's document: the `highlight` mark on its text
 * and its record (tag, author, comments) in the annotations map, both keyed by its id. These
 * are the only places that write or remove them, so the two never part.
 */

/**
 * Highlights the editor's selection with `tagId`; the new highlight's id, or null when nothing is
 * selected or the selection is already highlighted with that tag (a double click makes one highlight).
 */
export function createHighlight(editor: Editor, annotations: AnnotationDocument, tagId: string, author: { id: string; name: string }): string | null {
  const { empty, from, to } = editor.state.selection;
  if (empty || !tagId) return null;
  const alreadyThere = highlightsExactlyOn(editor.state.doc, from, to).some((highlightId) => annotations.getAnnotation(highlightId)?.tagId === tagId);
  if (alreadyThere) return null;
  const highlightId = crypto.randomUUID();
  annotations.createAnnotation(highlightId, tagId, author);
  editor.chain().focus().setMark('highlight', { highlightId }).run();
  return highlightId;
}

/** Removes the highlight's mark from every span of its text, then its record with its comments. */
export function removeHighlight(editor: Editor, annotations: AnnotationDocument, highlightId: string): void {
  const chain = editor.chain();
  const markType = editor.schema.marks.highlight;
  for (const span of highlightSpans(editor.state.doc, highlightId)) {
    chain.command(({ tr }) => {
      if (markType) tr.removeMark(span.from, span.to, markType.create({ highlightId }));
      return true;
    });
  }
  chain.run();
  annotations.deleteAnnotation(highlightId);
}
