import { limits } from '@/lib/limits';
import { withoutTrailingLineEnds } from '@/lib/editor/code-block-text';
import type { InlineMark, InlineNode, TableRow, TranscriptBlock } from './transcript-blocks';
import { hasText, pruneEmpty, splitAtBlankLines, trimInline } from './transcript-normalization';

/**
 * How deep the blocks of a flow (a turn's, a quote's, an item's, a cell's) sit in the
 * document, counted as the live-sync server counts (`limits.document.maxNestingDepth`): a
 * turn is 1, its paragraphs 2, the text in them 3. Opening a container moves its content
 * this many levels down (a list item sits inside its list, a cell inside its row and table).
 */
const containerDepth = { blockquote: 1, list: 2, table: 3 } as const;
const turnBlocksDepth = 2;
/** Text and hard breaks sit one level below their paragraph, heading or code block. */
const textDepth = 1;

/** A container the builder can open, if the nesting limit leaves room for it. */
export type NestedContainer = keyof typeof containerDepth;

/** How text whitespace is treated: collapsed as in normal HTML, or with line breaks kept (`white-space: pre-wrap`). */
export type WhitespaceMode = 'collapse' | 'keep-lines';

/** `depth`: where the container's blocks (a flow's), items or rows sit in the document. */
type FlowContainer = { kind: 'flow'; blocks: TranscriptBlock[]; depth: number };
type ListContainer = { kind: 'list'; items: TranscriptBlock[][]; depth: number };
type TableContainer = { kind: 'table'; rows: TableRow[]; inHead: boolean; rowOpen: boolean; depth: number };
type Container = FlowContainer | ListContainer | TableContainer;

interface OpenInline {
  content: InlineNode[];
  /** Opened by a `<p>` or heading, rather than by loose text. */
  explicit: boolean;
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  lastCharacter: string;
}

const blankText = /^[\s\u00a0]*$/;
const markOrder: ReadonlyArray<InlineMark['type']> = ['link', 'strong', 'em', 's', 'code'];

/**
 * Builds `TranscriptBlock`s from a stream of calls made by a walk over some source (an
 * HTML tree, plain text). Loose inline content gets an implicit paragraph; inside a
 * paragraph or heading, block structure cannot open (the walker treats it as transparent).
 */
export class TranscriptBuilder {
  private readonly root: FlowContainer;
  private readonly containers: Container[];
  private inline: OpenInline | undefined;
  private readonly markStack: InlineMark[] = [];
  /** The open marks by type: text takes the innermost of each, whatever the nesting depth. */
  private readonly openMarks = new Map<InlineMark['type'], InlineMark[]>();

  /**
   * `enclosingLevels`: how many elements the blocks built here will sit inside besides their
   * turn (1 for blocks that go into a blockquote), so the nesting limit holds where they land.
   */
  constructor(enclosingLevels = 0) {
    this.root = { kind: 'flow', blocks: [], depth: turnBlocksDepth + enclosingLevels };
    this.containers = [this.root];
  }

  /** True inside a paragraph or heading opened by the source: blocks cannot start here. */
  get inExplicitInline(): boolean {
    return this.inline?.explicit === true;
  }

  /**
   * True when a list, blockquote or table may open here: its text would still be within
   * `limits.document.maxNestingDepth`. Deeper structure is flattened by the walker (its
   * text kept), so an import never makes a document the live-sync server would refuse.
   */
  canNest(container: NestedContainer): boolean {
    return this.flowDepth + containerDepth[container] + textDepth <= limits.document.maxNestingDepth;
  }

  /** Where blocks written now would sit (in a list or table, in the item or cell opened for them). */
  private get flowDepth(): number {
    const top = this.containers.at(-1) as Container;
    return top.kind === 'flow' ? top.depth : top.kind === 'list' ? top.depth + 1 : top.depth + 2;
  }

  /** Ends loose inline content, as a `div` boundary does. */
  blockBoundary(): void {
    if (this.inline && !this.inline.explicit) this.closeInline();
  }

  openParagraph(): void {
    this.closeInline();
    this.inline = { content: [], explicit: true, level: 0, lastCharacter: '\n' };
  }

  openHeading(level: 1 | 2 | 3 | 4 | 5 | 6): void {
    this.closeInline();
    this.inline = { content: [], explicit: true, level, lastCharacter: '\n' };
  }

  /** Closes the paragraph or heading (explicit or implicit) being written, if any. */
  closeInline(): void {
    const inline = this.inline;
    if (!inline) return;
    this.inline = undefined;
    const flow = this.currentFlow();
    if (inline.level === 0) {
      for (const content of splitAtBlankLines(inline.content)) flow.push({ type: 'paragraph', content });
    } else {
      const content = trimInline(inline.content.map((node) => (node.type === 'break' ? { type: 'text', text: ' ', marks: [] } : node)));
      if (hasText(content)) flow.push({ type: 'heading', level: inline.level, content });
    }
  }

  pushMark(mark: InlineMark): void {
    this.markStack.push(mark);
    const open = this.openMarks.get(mark.type);
    if (open) open.push(mark);
    else this.openMarks.set(mark.type, [mark]);
  }

  popMark(): void {
    const mark = this.markStack.pop();
    if (mark) this.openMarks.get(mark.type)?.pop();
  }

  addText(text: string, mode: WhitespaceMode): void {
    // Browsers put no-break spaces on the clipboard for ordinary ones (around inline
    // elements, in runs of spaces): outside code they are read as spaces.
    const spaced = text.replace(/\u00a0/g, ' ');
    if (mode === 'collapse') {
      const collapsed = spaced.replace(/[\t\n\f\r ]+/g, ' ');
      if (!this.inline && collapsed.trim() === '') return;
      this.appendRun(collapsed, true);
      return;
    }
    const lines = spaced.split(/\r\n|\r|\n/);
    if (!this.inline && blankText.test(spaced)) return;
    lines.forEach((line, index) => {
      if (index > 0) this.addBreak();
      if (line.length > 0) this.appendRun(line, false);
    });
  }

  addBreak(): void {
    this.ensureInline().content.push({ type: 'break' });
    (this.inline as OpenInline).lastCharacter = '\n';
  }

  addCodeBlock(text: string, language: string | undefined): void {
    if (this.inline) {
      this.pushMark({ type: 'code' });
      this.addText(text, 'keep-lines');
      this.popMark();
      return;
    }
    if (blankText.test(text)) return;
    // The line end a `<pre>` (or a fence) leaves after the last line would show as an empty line.
    this.currentFlow().push({ type: 'codeBlock', language, text: withoutTrailingLineEnds(text) });
  }

  /** Adds blocks built elsewhere (by another builder) at the current position. */
  appendBlocks(blocks: readonly TranscriptBlock[]): void {
    this.closeInline();
    const flow = this.currentFlow();
    for (const block of blocks) flow.push(block);
  }

  addHorizontalRule(): void {
    this.closeInline();
    this.currentFlow().push({ type: 'horizontalRule' });
  }

  /** Opens a blockquote; every open must be matched by `closeContainer`. */
  openBlockquote(): void {
    this.closeInline();
    const blocks: TranscriptBlock[] = [];
    const depth = this.flowDepth + containerDepth.blockquote;
    this.currentFlow().push({ type: 'blockquote', content: blocks });
    this.containers.push({ kind: 'flow', blocks, depth });
  }

  openList(ordered: boolean): void {
    this.closeInline();
    const items: TranscriptBlock[][] = [];
    // The list's items sit one level below it, their blocks one more.
    const depth = this.flowDepth + 1;
    this.currentFlow().push({ type: 'list', ordered, items });
    this.containers.push({ kind: 'list', items, depth });
  }

  /** Opens a list item, inside the list being written (or, if none, as a paragraph boundary). */
  openListItem(): boolean {
    this.closeInline();
    const top = this.containers.at(-1) as Container;
    if (top.kind !== 'list') return false;
    const blocks: TranscriptBlock[] = [];
    top.items.push(blocks);
    this.containers.push({ kind: 'flow', blocks, depth: top.depth + 1 });
    return true;
  }

  openTable(): void {
    this.closeInline();
    const rows: TableRow[] = [];
    // Rows sit one level below the table, cells two, their blocks three.
    const depth = this.flowDepth + 1;
    this.currentFlow().push({ type: 'table', rows });
    this.containers.push({ kind: 'table', rows, inHead: false, rowOpen: false, depth });
  }

  /** Marks the rows that follow as header rows (`thead`) or not. */
  setTableSection(inHead: boolean): void {
    const top = this.containers.at(-1) as Container;
    if (top.kind === 'table') {
      top.inHead = inHead;
      top.rowOpen = false;
    }
  }

  openTableRow(): void {
    const top = this.containers.at(-1) as Container;
    if (top.kind !== 'table') return;
    top.rows.push({ inHead: top.inHead, cells: [] });
    top.rowOpen = true;
  }

  /** Opens a cell in the current row (or, outside a table, returns false: a paragraph boundary). */
  openTableCell(header: boolean, colspan: number, rowspan: number): boolean {
    this.closeInline();
    const top = this.containers.at(-1) as Container;
    if (top.kind !== 'table') return false;
    if (!top.rowOpen) this.openTableRow();
    const content: TranscriptBlock[] = [];
    (top.rows.at(-1) as TableRow).cells.push({ header, colspan, rowspan, content });
    this.containers.push({ kind: 'flow', blocks: content, depth: top.depth + 2 });
    return true;
  }

  /** Closes the innermost blockquote, list, list item, table or cell. */
  closeContainer(): void {
    this.closeInline();
    if (this.containers.length > 1) this.containers.pop();
  }

  /** The blocks written so far, with empty containers removed. */
  finish(): TranscriptBlock[] {
    this.closeInline();
    return pruneEmpty(this.root.blocks);
  }

  private ensureInline(): OpenInline {
    if (!this.inline) this.inline = { content: [], explicit: false, level: 0, lastCharacter: '\n' };
    return this.inline;
  }

  private appendRun(text: string, collapsible: boolean): void {
    const inline = this.ensureInline();
    const run = collapsible && inline.lastCharacter === ' ' && text.startsWith(' ') ? text.slice(1) : text;
    if (run.length === 0) return;
    inline.content.push({ type: 'text', text: run, marks: this.effectiveMarks() });
    inline.lastCharacter = run.at(-1) as string;
  }

  /** The marks in force, each type once (the innermost link), in one order so that runs nest alike. */
  private effectiveMarks(): InlineMark[] {
    const marks: InlineMark[] = [];
    for (const type of markOrder) {
      const innermost = this.openMarks.get(type)?.at(-1);
      if (innermost) marks.push(innermost);
    }
    return marks;
  }

  /** Where blocks go now: the innermost flow, opening a list item or table cell for strays. */
  private currentFlow(): TranscriptBlock[] {
    const top = this.containers.at(-1) as Container;
    if (top.kind === 'flow') return top.blocks;
    if (top.kind === 'list') {
      this.openListItem();
    } else {
      this.openTableCell(false, 1, 1);
    }
    return (this.containers.at(-1) as FlowContainer).blocks;
  }
}
