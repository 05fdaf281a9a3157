import { allowedLinkHref } from './markdown-escape';
import type { FootnotePlan } from './footnote-plan';
import type { TranscriptNode, TranscriptText } from './transcript-tree';

/** Marks written with delimiters around their text (`**`, `*`, `~~`, `==`), innermost last. */
export const delimitedMarks = ['bold', 'italic', 'strike', 'highlight'] as const;
export type DelimitedMark = (typeof delimitedMarks)[number];

/** The CommonMark/GFM delimiters of each mark (`==` is the highlight syntax of markdown-it, Obsidian, Typora, …). */
export const delimiters: Record<DelimitedMark, string> = { bold: '**', italic: '*', strike: '~~', highlight: '==' };

/** A stretch of inline text with one set of formatting, ready to be written. */
export interface InlinePiece {
  text: string;
  /** Inline code: written as a code span, verbatim. */
  code: boolean;
  /** The link's address, when the text is a link we keep. */
  link: string | null;
  marks: Set<DelimitedMark>;
  /** Footnote references written right after this piece (its highlights end here). */
  references: number[];
  /** The footnote numbers of the highlights on this piece's text, ascending. */
  highlights: number[];
}

const markTypes: Record<string, DelimitedMark> = { bold: 'bold', italic: 'italic', strike: 'strike' };
const whitespace = /^[\t\n\f\r \p{Zs}]+$/u;
const edges = /^([\t\f \p{Zs}]*)([\s\S]*?)([\t\f \p{Zs}]*)$/u;

/**
 * A textblock's inline content as lines (split at hard breaks and newlines in the text) of
 * pieces. Whitespace at the edge of a delimited mark is moved outside it, because CommonMark
 * does not take `** bold**` for emphasis; whitespace at a line's ends is dropped, because
 * Markdown drops it anyway (and four leading spaces would start a code block).
 */
export function inlineLines(nodes: TranscriptNode[], plan: FootnotePlan): InlinePiece[][] {
  const lines: InlinePiece[][] = [[]];
  // Depth first, in document order, on a stack of our own.
  const pending = [...nodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as TranscriptNode;
    if (node.kind === 'text') addText(lines, node, plan);
    else if (node.type === 'hardBreak') lines.push([]);
    else for (let index = node.content.length - 1; index >= 0; index -= 1) pending.push(node.content[index] as TranscriptNode);
  }
  for (const line of lines) {
    trimLine(line);
    for (const mark of delimitedMarks) moveWhitespaceOutside(line, mark);
  }
  return lines;
}

function addText(lines: InlinePiece[][], node: TranscriptText, plan: FootnotePlan) {
  const marks = new Set<DelimitedMark>();
  let link: string | null = null;
  let code = false;
  for (const mark of node.marks) {
    const delimited = markTypes[mark.type];
    if (delimited) marks.add(delimited);
    else if (mark.type === 'code') code = true;
    else if (mark.type === 'link') link ??= allowedLinkHref(mark.attrs.href);
  }
  const highlights = plan.numbersOf(node);
  if (highlights.length > 0) marks.add('highlight');

  const parts = node.text.split(/\r\n|\r|\n/);
  const lastWithText = parts.findLastIndex((part) => part !== '');
  parts.forEach((part, index) => {
    if (index > 0) lines.push([]);
    const line = lines.at(-1) as InlinePiece[];
    const references = index === Math.max(lastWithText, 0) ? plan.referencesAfter(node) : [];
    const piece = (text: string, refs: number[]): InlinePiece => ({ text, code: code && text !== '', link, marks: new Set(marks), references: refs, highlights });
    if (code) {
      if (part !== '' || references.length > 0) line.push(piece(part, references));
      return;
    }
    // Whitespace at either end becomes a piece of its own, so marks can be lifted off it.
    const [, leading = '', core = '', trailing = ''] = edges.exec(part) ?? [];
    if (leading) line.push(piece(leading, []));
    if (core || references.length > 0) line.push(piece(core, references));
    if (trailing) line.push(piece(trailing, []));
  });
}

/** Whitespace only (or nothing), outside code: no delimiter may open or close against it. */
export function isBlank(piece: InlinePiece): boolean {
  return !piece.code && (piece.text === '' || whitespace.test(piece.text));
}

/** Blank pieces at the ends of a line lose their text (and marks); their footnote references stay. */
function trimLine(line: InlinePiece[]) {
  const clear = (piece: InlinePiece) => {
    piece.text = '';
    piece.marks.clear();
  };
  for (const piece of line) {
    if (!isBlank(piece)) break;
    clear(piece);
  }
  for (const piece of [...line].reverse()) {
    if (!isBlank(piece)) break;
    clear(piece);
  }
  for (let index = line.length - 1; index >= 0; index--) {
    const piece = line[index] as InlinePiece;
    if (piece.text === '' && !piece.code && piece.references.length === 0) line.splice(index, 1);
  }
}

/** Within each run of pieces carrying `mark`, blank pieces at the run's ends are taken out of it. */
function moveWhitespaceOutside(line: InlinePiece[], mark: DelimitedMark) {
  let index = 0;
  while (index < line.length) {
    if (!line[index]?.marks.has(mark)) {
      index++;
      continue;
    }
    let end = index;
    while (end < line.length && line[end]?.marks.has(mark)) end++;
    for (let first = index; first < end && isBlank(line[first] as InlinePiece); first++) line[first]?.marks.delete(mark);
    for (let last = end - 1; last >= index && isBlank(line[last] as InlinePiece); last--) line[last]?.marks.delete(mark);
    index = end;
  }
}
