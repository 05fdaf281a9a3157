import { codeBlockText, integerAttribute } from './element-content';
import { renderInline } from './inline-markdown';
import { codeSpan } from './markdown-escape';
import type { FootnotePlan } from './footnote-plan';
import type { TranscriptElement, TranscriptNode } from './transcript-tree';

/** A merged cell counts as this many columns at most (a client could write any colspan). */
const MAX_COLSPAN = 64;

/**
 * A table as a GFM pipe table. GFM has no merged cells, so a cell spanning columns is
 * followed by empty ones, and short rows are padded. Its first row is the header when all
 * its cells are header cells; otherwise the header row is left empty, as GFM requires one.
 * A cell is one line: its blocks are joined with `<br>`.
 */
export function renderTable(table: TranscriptElement, plan: FootnotePlan): string {
  const rows = table.content.flatMap((row) => (row.kind === 'element' ? [row] : []));
  if (rows.length === 0) return '';
  const cells = rows.map((row) =>
    row.content.flatMap((cell) => {
      const text = renderCell(cell, plan);
      const span = cell.kind === 'element' ? integerAttribute(cell.attrs.colspan, 1, MAX_COLSPAN, 1) : 1;
      return [text, ...Array<string>(span - 1).fill('')];
    }),
  );
  const width = cells.reduce((widest, row) => Math.max(widest, row.length), 1);
  const hasHeader = rows[0]?.content.length !== 0 && rows[0]?.content.every((cell) => cell.kind === 'element' && cell.type === 'tableHeader');
  const header = hasHeader ? (cells.shift() as string[]) : [];
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, index) => row[index] ?? '').join(' | ')} |`;
  return [line(header), line(Array<string>(width).fill('---')), ...cells.map(line)].join('\n');
}

function renderCell(cell: TranscriptNode, plan: FootnotePlan): string {
  return cellLines(cell, plan)
    .filter((text) => text !== '')
    .join('<br>');
}

/**
 * The cell's content as lines of inline Markdown: textblocks as they are, other blocks
 * flattened, in document order (depth first, on a stack of our own).
 */
function cellLines(cell: TranscriptNode, plan: FootnotePlan): string[] {
  const lines: string[] = [];
  const pending = [cell];
  while (pending.length > 0) {
    const node = pending.pop() as TranscriptNode;
    if (node.kind === 'text') lines.push(renderInline([node], plan, 'tableCell'));
    else if (node.type === 'codeBlock') for (const line of codeBlockText(node).split('\n')) lines.push(line === '' ? '' : codeSpan(line, { inTable: true }));
    else if (node.content.some((child) => child.kind === 'text')) lines.push(renderInline(node.content, plan, 'tableCell'));
    else for (let index = node.content.length - 1; index >= 0; index -= 1) pending.push(node.content[index] as TranscriptNode);
  }
  return lines;
}
