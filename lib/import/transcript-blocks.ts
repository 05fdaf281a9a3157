import { resultOf, runOnOwnStack, type Steps } from '@/lib/explicit-stack';

/**
 * The rich text a turn is made of, as a small tree that can only hold what the editor's
 * schema can (docs/crdt.md): paragraphs and headings of marked text, code blocks, lists,
 * blockquotes, tables and rules. Both importers build this tree and only
 * `serializeTranscriptBlocks` turns it into HTML, so the output can hold nothing else.
 */
export type InlineMark = { type: 'strong' | 'em' | 'code' | 's' } | { type: 'link'; href: string };

export type InlineNode = { type: 'text'; text: string; marks: readonly InlineMark[] } | { type: 'break' };

export interface TableCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  content: TranscriptBlock[];
}

export interface TableRow {
  inHead: boolean;
  cells: TableCell[];
}

export type TranscriptBlock =
  | { type: 'paragraph'; content: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: InlineNode[] }
  | { type: 'codeBlock'; language: string | undefined; text: string }
  | { type: 'list'; ordered: boolean; items: TranscriptBlock[][] }
  | { type: 'blockquote'; content: TranscriptBlock[] }
  | { type: 'table'; rows: TableRow[] }
  | { type: 'horizontalRule' };

const markTags = { strong: 'strong', em: 'em', code: 'code', s: 's', link: 'a' } as const;

export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
}

export function escapeHtmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function openingTag(mark: InlineMark): string {
  if (mark.type === 'link') return `<a href="${escapeHtmlAttribute(mark.href)}" rel="noopener noreferrer nofollow">`;
  return `<${markTags[mark.type]}>`;
}

/** The same mark (a link to the same address): runs sharing it share one element. */
export function sameMark(left: InlineMark, right: InlineMark): boolean {
  return left.type === right.type && (left.type !== 'link' || left.href === (right as { href: string }).href);
}

/** Inline content as HTML, nesting marks so that runs sharing a mark share its element. */
function serializeInline(content: readonly InlineNode[]): string {
  const out: string[] = [];
  let open: InlineMark[] = [];
  const closeDownTo = (keep: number) => {
    while (open.length > keep) out.push(`</${markTags[(open.pop() as InlineMark).type]}>`);
  };
  for (const node of content) {
    const marks = node.type === 'text' ? node.marks : [];
    let shared = 0;
    while (shared < open.length && shared < marks.length && sameMark(open[shared] as InlineMark, marks[shared] as InlineMark)) shared += 1;
    closeDownTo(shared);
    for (const mark of marks.slice(shared)) {
      out.push(openingTag(mark));
      open = [...open, mark];
    }
    out.push(node.type === 'text' ? escapeHtmlText(node.text) : '<br>');
  }
  closeDownTo(0);
  return out.join('');
}

function* serializeCell(cell: TableCell): Steps<string> {
  const tag = cell.header ? 'th' : 'td';
  const spans = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
  return `<${tag}${spans}>${yield* resultOf(serializeBlocks(cell.content))}</${tag}>`;
}

function* serializeTable(rows: readonly TableRow[]): Steps<string> {
  const section = function* (inHead: boolean): Steps<string[]> {
    const written: string[] = [];
    for (const row of rows.filter((candidate) => candidate.inHead === inHead)) {
      const cells: string[] = [];
      for (const cell of row.cells) cells.push(yield* resultOf(serializeCell(cell)));
      written.push(`<tr>${cells.join('')}</tr>`);
    }
    return written;
  };
  const head = yield* resultOf(section(true));
  const body = yield* resultOf(section(false));
  return `<table>${head.length > 0 ? `<thead>${head.join('')}</thead>` : ''}${body.length > 0 ? `<tbody>${body.join('')}</tbody>` : ''}</table>`;
}

function* serializeBlock(block: TranscriptBlock): Steps<string> {
  switch (block.type) {
    case 'paragraph':
      return `<p>${serializeInline(block.content)}</p>`;
    case 'heading':
      return `<h${block.level}>${serializeInline(block.content)}</h${block.level}>`;
    case 'codeBlock': {
      const language = block.language ? ` class="language-${escapeHtmlAttribute(block.language)}"` : '';
      return `<pre><code${language}>${escapeHtmlText(block.text)}</code></pre>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items: string[] = [];
      for (const item of block.items) items.push(`<li>${yield* resultOf(serializeBlocks(item))}</li>`);
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'blockquote':
      return `<blockquote>${yield* resultOf(serializeBlocks(block.content))}</blockquote>`;
    case 'table':
      return yield* resultOf(serializeTable(block.rows));
    case 'horizontalRule':
      return '<hr>';
  }
}

function* serializeBlocks(blocks: readonly TranscriptBlock[]): Steps<string> {
  const written: string[] = [];
  for (const block of blocks) written.push(yield* resultOf(serializeBlock(block)));
  return written.join('');
}

/** Each text a reader sees in the blocks, each textblock's and line's followed by a space (block order). */
function* textPieces(blocks: readonly TranscriptBlock[]): Generator<string> {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        for (const node of block.content) yield node.type === 'text' ? node.text : ' ';
        yield ' ';
        break;
      case 'codeBlock':
        yield block.text;
        yield ' ';
        break;
      case 'list':
        for (const item of block.items) yield* textPieces(item);
        break;
      case 'blockquote':
        yield* textPieces(block.content);
        break;
      case 'table':
        for (const row of [...block.rows.filter((candidate) => candidate.inHead), ...block.rows.filter((candidate) => !candidate.inHead)]) {
          for (const cell of row.cells) yield* textPieces(cell.content);
        }
        break;
      case 'horizontalRule':
        break;
    }
  }
}

/** The text a reader sees in the blocks: blocks and lines separated by a space, whitespace collapsed. */
export function transcriptBlocksText(blocks: readonly TranscriptBlock[]): string {
  return [...textPieces(blocks)].join('').replace(/\s+/g, ' ').trim();
}

/**
 * The blocks as HTML, nested blocks written on a stack of our own (`runOnOwnStack`), though
 * the builder caps how deep containers nest anyway (`limits.document.maxNestingDepth`, see
 * `canNest` in transcript-builder.ts).
 */
export function serializeTranscriptBlocks(blocks: readonly TranscriptBlock[]): string {
  return runOnOwnStack(serializeBlocks(blocks));
}
