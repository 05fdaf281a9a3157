import { codeBlockText, integerAttribute } from './element-content';
import type { FootnotePlan } from './footnote-plan';
import { inlineLines, type InlinePiece } from './inline-pieces';
import { textStyle, type LineDecoration, type PdfFlow, type PdfTextStyle } from './pdf-flow';
import type { StyledRun } from './pdf-line-layout';
import type { TranscriptElement, TranscriptNode } from './transcript-tree';

/** Body text size, in points. */
export const BODY_SIZE = 10.5;
const CODE_SIZE = 9;
const SUPERSCRIPT_SIZE = 6.5;
const LINK_COLOR = '#1d4ed8';
const HIGHLIGHT_FALLBACK = '#fde68a';
/** Indentation per list or quote level; past half the width, deeper levels stop indenting. */
const INDENT_STEP = 18;
const headingSizes: Record<number, number> = { 1: 13.5, 2: 12.5, 3: 11.5 };

/** Where a block stands: its indentation, the quote bars beside it, a list marker for its first line. */
interface BlockContext {
  indent: number;
  quoteBars: number[];
  marker: string | null;
}

/**
 * Transcript blocks (a turn's content, or the response) drawn into the flow as readable
 * text: paragraphs, headings, lists with bullets or numbers, quotes with a bar, code in a
 * monospaced font on grey, tables row by row. Highlighted text gets its tag's colour behind
 * it (the latest highlight's, where they overlap) and its endnote number raised after it,
 * linked to the endnote. The tree is at most
 * `maxTreeDepth` deep (readTranscriptTree), so this recursion is bounded.
 */
export class PdfBlockWriter {
  private readonly highlightColors = new Map<number, string>();

  constructor(
    private readonly flow: PdfFlow,
    private readonly plan: FootnotePlan,
  ) {
    for (const footnote of plan.footnotes) this.highlightColors.set(footnote.number, lighten(footnote.annotation.tagColor ?? HIGHLIGHT_FALLBACK));
  }

  async blocks(nodes: TranscriptNode[], context: BlockContext = { indent: 0, quoteBars: [], marker: null }): Promise<void> {
    let first = true;
    for (const node of nodes) {
      await this.block(node, first ? context : { ...context, marker: null });
      first = false;
    }
  }

  private async block(node: TranscriptNode, context: BlockContext): Promise<void> {
    if (node.kind === 'text') return this.inlineParagraph([node], context, 'regular', BODY_SIZE);
    switch (node.type) {
      case 'paragraph':
        return this.inlineParagraph(node.content, context, 'regular', BODY_SIZE);
      case 'heading': {
        const size = headingSizes[integerAttribute(node.attrs.level, 1, 6, 1)] ?? BODY_SIZE;
        this.flow.gap(4);
        this.flow.keepSpace(size * 3);
        return this.inlineParagraph(node.content, context, 'bold', size);
      }
      case 'codeBlock':
        return this.codeBlock(node, context);
      case 'blockquote':
        return this.blocks(node.content, { indent: this.deeper(context.indent, 14), quoteBars: [...context.quoteBars, context.indent], marker: context.marker });
      case 'bulletList':
      case 'orderedList':
        return this.list(node, context);
      case 'table':
        return this.table(node, context);
      case 'horizontalRule':
        return this.flow.rule(context.indent);
      case 'hardBreak':
        return;
      default:
        // An element the schema does not know: its text as a paragraph, or its blocks.
        return node.content.every((child) => child.kind === 'text' || child.type === 'hardBreak')
          ? this.inlineParagraph(node.content, context, 'regular', BODY_SIZE)
          : this.blocks(node.content, context);
    }
  }

  private async inlineParagraph(nodes: TranscriptNode[], context: BlockContext, face: 'regular' | 'bold', size: number): Promise<void> {
    const lines = inlineLines(nodes, this.plan).map((line) => line.flatMap((piece) => this.pieceRuns(piece, face === 'bold', size)));
    while (lines.length > 1 && lines.at(-1)?.length === 0) lines.pop();
    if (lines.every((line) => line.length === 0) && context.marker === null) return;
    await this.flow.paragraph(lines, { indent: context.indent, size, decoration: this.decoration(context, size) });
    this.flow.gap(size * 0.5);
  }

  private async codeBlock(node: TranscriptElement, context: BlockContext): Promise<void> {
    const style = textStyle({ face: 'mono', size: CODE_SIZE });
    const lines = codeBlockText(node)
      .split('\n')
      .map((line) => [{ text: pdfText(line.replace(/\t/g, '    ')), style }]);
    await this.flow.paragraph(lines, { indent: context.indent + 4, size: CODE_SIZE, decoration: { ...this.decoration(context, BODY_SIZE), shading: '#f1f1f1' }, preserveLeadingSpaces: true });
    this.flow.gap(BODY_SIZE * 0.5);
  }

  private async list(list: TranscriptElement, context: BlockContext): Promise<void> {
    const ordered = list.type === 'orderedList';
    const start = integerAttribute(list.attrs.start, 0, 999_999_999, 1);
    const indent = this.deeper(context.indent, INDENT_STEP);
    for (const [index, item] of list.content.entries()) {
      const marker = ordered ? `${start + index}.` : '•';
      // The list's own marker goes on its first item when the list itself starts a list item.
      if (index === 0 && context.marker !== null) await this.flow.paragraph([[]], { indent: context.indent, size: BODY_SIZE, decoration: this.decoration(context, BODY_SIZE) });
      const itemContext = { indent, quoteBars: context.quoteBars, marker };
      if (item.kind === 'element' && item.type === 'listItem') await this.blocks(item.content.length > 0 ? item.content : [{ kind: 'element', type: 'paragraph', attrs: {}, content: [] }], itemContext);
      else await this.blocks([item], itemContext);
    }
  }

  /** Each row as one paragraph, its cells separated by a bar; header cells in bold. */
  private async table(table: TranscriptElement, context: BlockContext): Promise<void> {
    const separator = textStyle({ face: 'regular', size: BODY_SIZE, color: '#888888' });
    for (const row of table.content) {
      if (row.kind !== 'element') continue;
      const runs: Array<StyledRun<PdfTextStyle>> = [];
      row.content.forEach((cell, index) => {
        if (index > 0) runs.push({ text: '  |  ', style: separator });
        const bold = cell.kind === 'element' && cell.type === 'tableHeader';
        const blocks = cell.kind === 'element' ? cell.content : [cell];
        blocks.forEach((block, blockIndex) => {
          if (blockIndex > 0) runs.push({ text: ' ', style: separator });
          for (const line of inlineLines([block], this.plan)) {
            for (const piece of line) runs.push(...this.pieceRuns(piece, bold, BODY_SIZE));
            runs.push({ text: ' ', style: separator });
          }
        });
      });
      await this.flow.paragraph([runs], { indent: context.indent, size: BODY_SIZE, decoration: this.decoration(context, BODY_SIZE) });
      context = { ...context, marker: null };
    }
    this.flow.gap(BODY_SIZE * 0.5);
  }

  /** A piece of inline text as runs: its text in its marks' style, then its endnote numbers raised. */
  private pieceRuns(piece: InlinePiece, bold: boolean, size: number): Array<StyledRun<PdfTextStyle>> {
    const isBold = bold || piece.marks.has('bold');
    const italic = piece.marks.has('italic');
    const face = piece.code ? (isBold ? 'monoBold' : 'mono') : isBold && italic ? 'boldItalic' : isBold ? 'bold' : italic ? 'italic' : 'regular';
    const highlight = piece.marks.has('highlight') ? (this.highlightColors.get(piece.highlights.at(-1) ?? 0) ?? null) : null;
    const style = textStyle({
      face,
      size: piece.code ? size * 0.9 : size,
      color: piece.link ? LINK_COLOR : '#111111',
      background: highlight,
      strike: piece.marks.has('strike'),
      underline: piece.link !== null,
      link: piece.link,
    });
    const runs: Array<StyledRun<PdfTextStyle>> = [];
    if (piece.text !== '') runs.push({ text: pdfText(piece.text), style });
    piece.references.forEach((number, index) => {
      const goTo = endnoteDestination(number);
      if (index > 0) runs.push({ text: ',', style: textStyle({ face: 'bold', size: SUPERSCRIPT_SIZE, rise: size * 0.4, color: LINK_COLOR }) });
      runs.push({ text: String(number), style: textStyle({ face: 'bold', size: SUPERSCRIPT_SIZE, rise: size * 0.4, color: LINK_COLOR, goTo }) });
    });
    return runs;
  }

  private decoration(context: BlockContext, size: number): LineDecoration {
    return { quoteBars: context.quoteBars, marker: context.marker === null ? null : { text: context.marker, style: textStyle({ face: 'regular', size }) }, shading: null };
  }

  private deeper(indent: number, step: number): number {
    return indent + step > this.flow.width / 2 ? indent : indent + step;
  }
}

/** The named destination of endnote `number`. */
export function endnoteDestination(number: number): string {
  return `endnote-${number}`;
}

/**
 * Text as the PDF can draw it: well-formed (no lone surrogates), without control characters
 * (tabs and line separators become spaces); what the font lacks shows as an empty box.
 */
export function pdfText(text: string): string {
  return text
    .toWellFormed()
    .replace(/[\t\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

/** A tag's colour mixed with white, so black text on it stays readable in print. */
function lighten(color: string): string {
  const channel = (offset: number) => {
    const value = Number.parseInt(color.slice(offset, offset + 2), 16);
    return Math.round(value + (255 - value) * 0.35)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}
