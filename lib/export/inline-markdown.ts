import { delimitedMarks, inlineLines, isBlank, type DelimitedMark, type InlinePiece } from './inline-pieces';
import { writeLine, type InlineToken } from './inline-tokens';
import { noFootnotes, type FootnotePlan } from './footnote-plan';
import type { TranscriptNode } from './transcript-tree';

/**
 * Where inline content stands, which decides how a hard break is written and whether its
 * first characters could be taken for block syntax.
 */
export type InlineContext = 'paragraph' | 'heading' | 'tableCell';

const hardBreaks: Record<InlineContext, string> = {
  // A backslash at the end of a line: the one hard break that survives editors trimming spaces.
  paragraph: '\\\n',
  // A heading is one line.
  heading: ' ',
  // So is a table row; GFM renderers accept inline HTML there.
  tableCell: '<br>',
};

/** A textblock's inline content (text with marks, hard breaks) as Markdown. */
export function renderInline(nodes: TranscriptNode[], plan: FootnotePlan, context: InlineContext): string {
  const options = { lineStart: context === 'paragraph', inTable: context === 'tableCell' };
  const lines = inlineLines(nodes, plan).map((line) => writeLine(lineTokens(line), options));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.join(hardBreaks[context]);
}

/** Plain text (a comment, a name) as inline Markdown that reads as exactly that text. */
export function renderPlainText(text: string, context: InlineContext): string {
  return renderInline([{ kind: 'text', text, marks: [] }], noFootnotes, context);
}

type Opened = { mark: DelimitedMark; pair: number } | { mark: 'link'; href: string };

/**
 * The tokens of one line: each piece's text, with its marks opened and closed around it as a
 * stack, so delimiters always nest. A highlight's footnote reference goes right after the
 * highlight closes, or after the link it ends inside (a reference inside link text would not
 * survive every renderer).
 */
function lineTokens(line: InlinePiece[]): InlineToken[] {
  const tokens: InlineToken[] = [];
  const stack: Opened[] = [];
  let pendingReferences: number[] = [];
  let pairs = 0;

  const emitReferences = (numbers: number[]) => {
    for (const number of numbers) tokens.push({ kind: 'reference', number });
  };
  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const entry = stack.pop() as Opened;
      if (entry.mark === 'link') {
        tokens.push({ kind: 'linkClose', href: entry.href });
        emitReferences(pendingReferences);
        pendingReferences = [];
      } else {
        tokens.push({ kind: 'delimiter', mark: entry.mark, side: 'close', pair: entry.pair });
      }
    }
  };

  for (const [index, piece] of line.entries()) {
    const wanted = wantedMarks(piece);
    let keep = 0;
    while (keep < stack.length && wanted.some((mark) => sameMark(mark, stack[keep] as Opened))) keep++;
    closeTo(keep);
    for (const mark of wanted) {
      if (stack.some((opened) => sameMark(opened, mark))) continue;
      // A delimiter opened before whitespace is not one; the next word opens it instead.
      if (mark.mark !== 'link' && isBlank(piece)) continue;
      if (mark.mark === 'link') {
        tokens.push({ kind: 'linkOpen', href: mark.href });
        stack.push(mark);
      } else {
        const opened = { mark: mark.mark, pair: pairs++ };
        tokens.push({ kind: 'delimiter', mark: opened.mark, side: 'open', pair: opened.pair });
        stack.push(opened);
      }
    }
    if (piece.code) tokens.push({ kind: 'code', text: piece.text });
    else if (piece.text !== '') tokens.push({ kind: 'text', text: piece.text });

    if (piece.references.length > 0) {
      const highlightDepth = stack.findIndex((opened) => opened.mark === 'highlight');
      if (highlightDepth >= 0) closeTo(highlightDepth);
      const linkDepth = stack.findIndex((opened) => opened.mark === 'link');
      const link = stack[linkDepth];
      if (link?.mark === 'link' && line[index + 1]?.link === link.href) {
        pendingReferences.push(...piece.references);
      } else {
        if (linkDepth >= 0) closeTo(linkDepth);
        emitReferences(piece.references);
      }
    }
  }
  closeTo(0);
  emitReferences(pendingReferences);
  return tokens;
}

function wantedMarks(piece: InlinePiece): Opened[] {
  const wanted: Opened[] = piece.link === null ? [] : [{ mark: 'link', href: piece.link }];
  for (const mark of delimitedMarks) if (piece.marks.has(mark)) wanted.push({ mark, pair: -1 });
  return wanted;
}

function sameMark(a: Opened, b: Opened): boolean {
  if (a.mark === 'link' || b.mark === 'link') return a.mark === b.mark && (a as { href: string }).href === (b as { href: string }).href;
  return a.mark === b.mark;
}
