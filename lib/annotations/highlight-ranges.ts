import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

export interface HighlightRange {
  highlightId: string;
  /** Document positions of the first stretch of text carrying the highlight. */
  from: number;
  to: number;
  /** All of its text, joined (a highlight may be split by later edits). */
  text: string;
}

/** The highlights in a document, in the order they first appear. */
export function highlightRanges(doc: ProseMirrorNode): HighlightRange[] {
  const ranges = new Map<string, HighlightRange>();
  doc.descendants((node, position) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (mark.type.name !== 'highlight') continue;
      const id = mark.attrs.highlightId as string | null;
      if (!id) continue;
      const existing = ranges.get(id);
      if (!existing) {
        ranges.set(id, { highlightId: id, from: position, to: position + node.nodeSize, text: node.text ?? '' });
      } else {
        if (existing.to === position) existing.to = position + node.nodeSize;
        existing.text += node.text ?? '';
      }
    }
    return false;
  });
  return [...ranges.values()];
}

/** Every stretch of text that carries the highlight, for removing it. */
export function highlightSpans(doc: ProseMirrorNode, highlightId: string): Array<{ from: number; to: number }> {
  const spans: Array<{ from: number; to: number }> = [];
  doc.descendants((node, position) => {
    if (!node.isText) return true;
    if (node.marks.some((mark) => mark.type.name === 'highlight' && mark.attrs.highlightId === highlightId)) {
      spans.push({ from: position, to: position + node.nodeSize });
    }
    return false;
  });
  return spans;
}
