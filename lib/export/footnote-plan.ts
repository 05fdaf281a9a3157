import type { AnnotationRecord } from './annotation-records';
import type { TranscriptElement, TranscriptNode, TranscriptText } from './transcript-tree';

/** Longest excerpt quoted in the annotations section, in characters (code points). */
const EXCERPT_MAX_CHARACTERS = 200;

export interface Footnote {
  /** 1, 2, …: the order in which the highlights begin in the transcript. */
  number: number;
  annotation: AnnotationRecord;
  /** The highlighted text, whitespace collapsed, shortened past `EXCERPT_MAX_CHARACTERS`. */
  excerpt: string;
}

/** Where each highlight's footnote goes, decided before any Markdown is written. */
export interface FootnotePlan {
  footnotes: Footnote[];
  /** The footnote numbers of the highlights a text node carries, ascending. */
  numbersOf(text: TranscriptText): number[];
  /** The footnotes whose highlight ends with this text node: their references follow it. */
  referencesAfter(text: TranscriptText): number[];
}

/** The plan of text that carries no footnotes (a name, a comment, a workspace's response). */
export const noFootnotes: FootnotePlan = { footnotes: [], numbersOf: () => [], referencesAfter: () => [] };

/**
 * Numbers the highlights that still mark some text and have an annotation, in document
 * order. A mark whose annotation is gone is ignored (nothing to footnote), and so is an
 * annotation whose mark is gone (its text was deleted). Code blocks hold plain text in the
 * editor's schema, so a highlight mark inside one does not count.
 */
export function planFootnotes(tree: TranscriptNode[], annotations: Map<string, AnnotationRecord>): FootnotePlan {
  const numbers = new Map<string, number>();
  const idsOfText = new Map<TranscriptText, string[]>();
  const lastText = new Map<string, TranscriptText>();
  const excerpts = new Map<string, { parts: string[]; lastLine: object | null }>();

  const visitText = (text: TranscriptText, line: object) => {
    const ids = highlightIds(text).filter((id) => annotations.has(id));
    if (ids.length === 0) return;
    const fresh = ids.filter((id) => !numbers.has(id)).sort((a, b) => compareAnnotations(annotations.get(a), annotations.get(b)));
    for (const id of fresh) numbers.set(id, numbers.size + 1);
    idsOfText.set(text, ids);
    for (const id of ids) {
      lastText.set(id, text);
      const excerpt = excerpts.get(id) ?? { parts: [], lastLine: null };
      if (excerpt.lastLine !== null && excerpt.lastLine !== line) excerpt.parts.push(' ');
      excerpt.parts.push(text.text);
      excerpt.lastLine = line;
      excerpts.set(id, excerpt);
    }
  };

  // Each element's children in order, with its own stack rather than the call stack. A line:
  // a textblock's text up to a hard break. An excerpt spanning lines gets a space.
  const frames: Array<{ element: TranscriptElement; next: number; line: object }> = [
    { element: { kind: 'element', type: 'doc', attrs: {}, content: tree }, next: 0, line: {} },
  ];
  while (frames.length > 0) {
    const frame = frames.at(-1) as (typeof frames)[number];
    const child = frame.element.content[frame.next];
    frame.next += 1;
    if (child === undefined) frames.pop();
    else if (child.kind === 'text') visitText(child, frame.line);
    else if (child.type === 'hardBreak') frame.line = {};
    else if (child.type !== 'codeBlock') frames.push({ element: child, next: 0, line: {} });
  }

  const referencesAfter = new Map<TranscriptText, number[]>();
  for (const [id, text] of lastText) {
    const list = referencesAfter.get(text) ?? [];
    list.push(numbers.get(id) ?? 0);
    referencesAfter.set(text, list.sort((a, b) => a - b));
  }
  const footnotes = [...numbers].map(([id, number]) => ({
    number,
    annotation: annotations.get(id) as AnnotationRecord,
    excerpt: shorten(excerpts.get(id)?.parts.join('') ?? ''),
  }));

  return {
    footnotes,
    numbersOf: (text) => (idsOfText.get(text) ?? []).map((id) => numbers.get(id) ?? 0).sort((a, b) => a - b),
    referencesAfter: (text) => referencesAfter.get(text) ?? [],
  };
}

function highlightIds(text: TranscriptText): string[] {
  const ids = text.marks.flatMap((mark) => (mark.type === 'highlight' && typeof mark.attrs.highlightId === 'string' ? [mark.attrs.highlightId] : []));
  return [...new Set(ids)];
}

/** Highlights that begin at the same character: the older first, then by id, so the order is stable. */
function compareAnnotations(a: AnnotationRecord | undefined, b: AnnotationRecord | undefined): number {
  const [timeA, timeB] = [a?.createdAt ?? '', b?.createdAt ?? ''];
  if (timeA !== timeB) return timeA < timeB ? -1 : 1;
  return (a?.highlightId ?? '') < (b?.highlightId ?? '') ? -1 : 1;
}

function shorten(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const characters = Array.from(collapsed);
  if (characters.length <= EXCERPT_MAX_CHARACTERS) return collapsed;
  return `${characters.slice(0, EXCERPT_MAX_CHARACTERS - 1).join('').trimEnd()}…`;
}
