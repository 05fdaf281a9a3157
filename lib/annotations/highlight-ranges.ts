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

/** The highlights that cover exactly the text from `from` to `to`: all of it, and none outside it. */
export function highlightsExactlyOn(doc: ProseMirrorNode, from: number, to: number): string[] {
  const selected: Array<{ from: number; to: number }> = [];
  const candidates = new Set<string>();
  doc.nodesBetween(from, to, (node, position) => {
    if (!node.isText) return true;
    const start = Math.max(position, from);
    const end = Math.min(position + node.nodeSize, to);
    if (start >= end) return false;
    selected.push({ from: start, to: end });
    for (const mark of node.marks) {
      if (mark.type.name === 'highlight' && mark.attrs.highlightId) candidates.add(mark.attrs.highlightId as string);
    }
    return false;
  });
  if (selected.length === 0) return [];
  return [...candidates].filter((highlightId) => {
    const spans = highlightSpans(doc, highlightId);
    const inside = (part: { from: number; to: number }) => spans.some((span) => span.from <= part.from && part.to <= span.to);
    return selected.every(inside) && spans.every((span) => from <= span.from && span.to <= to);
  });
}
