import { resultOf, runOnOwnStack, type Steps } from '@/lib/explicit-stack';
import type { InlineMark, InlineNode, TableCell, TableRow, TranscriptBlock } from './transcript-blocks';

/**
 * The tidying a paragraph or a finished document gets: whitespace trimmed at the edges of
 * lines, adjacent runs with the same marks merged, blank lines turned into paragraph
 * breaks, empty containers removed.
 */
const blankText = /^[\s\u00a0]*$/;

export function hasText(content: readonly InlineNode[]): boolean {
  return content.some((node) => node.type === 'text' && !blankText.test(node.text));
}

/** Drops whitespace at the start and end of the content and around each line break. */
export function trimInline(content: readonly InlineNode[]): InlineNode[] {
  const trimLineEdges = (nodes: readonly InlineNode[], trim: (text: string) => string): InlineNode[] => {
    const kept: InlineNode[] = [];
    let atLineEdge = true;
    for (const node of nodes) {
      if (node.type === 'break') {
        kept.push(node);
        atLineEdge = true;
        continue;
      }
      const text = atLineEdge ? trim(node.text) : node.text;
      if (text === '') continue;
      kept.push({ ...node, text });
      atLineEdge = false;
    }
    return kept;
  };
  const leading = trimLineEdges(content, (text) => text.trimStart());
  const trimmed = trimLineEdges([...leading].reverse(), (text) => text.trimEnd()).reverse();
  const first = trimmed.findIndex((node) => node.type !== 'break');
  if (first === -1) return [];
  const last = trimmed.findLastIndex((node) => node.type !== 'break');
  return mergeRuns(trimmed.slice(first, last + 1));
}

function mergeRuns(content: readonly InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of content) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text' && sameMarks(last.marks, node.marks)) {
      merged[merged.length - 1] = { ...last, text: last.text + node.text };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

function sameMarks(left: readonly InlineMark[], right: readonly InlineMark[]): boolean {
  return (
    left.length === right.length &&
    left.every((mark, index) => {
      const other = right[index] as InlineMark;
      return mark.type === other.type && (mark.type !== 'link' || mark.href === (other as { href: string }).href);
    })
  );
}

/** A paragraph's content split where it holds a blank line (two or more breaks in a row). */
export function splitAtBlankLines(content: readonly InlineNode[]): InlineNode[][] {
  const paragraphs: InlineNode[][] = [];
  let current: InlineNode[] = [];
  let breaks = 0;
  const flush = () => {
    const trimmed = trimInline(current);
    if (hasText(trimmed)) paragraphs.push(trimmed);
    current = [];
  };
  for (const node of trimInline(content)) {
    if (node.type === 'break') {
      breaks += 1;
      continue;
    }
    if (breaks >= 2) flush();
    else if (breaks === 1) current.push({ type: 'break' });
    breaks = 0;
    current.push(node);
  }
  flush();
  return paragraphs;
}

/**
 * Removes lists without items, items, blockquotes and tables without content. Nested blocks
 * are pruned on a stack of our own (`runOnOwnStack`), though the builder caps their depth.
 */
export function pruneEmpty(blocks: readonly TranscriptBlock[]): TranscriptBlock[] {
  return runOnOwnStack(pruned(blocks));
}

function* pruned(blocks: readonly TranscriptBlock[]): Steps<TranscriptBlock[]> {
  const kept: TranscriptBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'blockquote') {
      const content = yield* resultOf(pruned(block.content));
      if (content.length > 0) kept.push({ type: 'blockquote', content });
    } else if (block.type === 'list') {
      const items: TranscriptBlock[][] = [];
      for (const item of block.items) {
        const content = yield* resultOf(pruned(item));
        if (content.length > 0) items.push(content);
      }
      if (items.length > 0) kept.push({ type: 'list', ordered: block.ordered, items });
    } else if (block.type === 'table') {
      const rows: TableRow[] = [];
      for (const row of block.rows) {
        const cells: TableCell[] = [];
        for (const cell of row.cells) cells.push({ ...cell, content: yield* resultOf(pruned(cell.content)) });
        if (cells.length > 0) rows.push({ ...row, cells });
      }
      if (rows.some((row) => row.cells.some((cell) => cell.content.length > 0))) kept.push({ type: 'table', rows });
    } else {
      kept.push(block);
    }
  }
  return kept;
}
