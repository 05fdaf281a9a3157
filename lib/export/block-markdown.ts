import { renderInline } from './inline-markdown';
import { resultOf, runOnOwnStack, type Steps } from '@/lib/explicit-stack';
import { codeBlockText, integerAttribute } from './element-content';
import { codeFence, codeInfoString } from './markdown-escape';
import { renderTable } from './table-markdown';
import type { FootnotePlan } from './footnote-plan';
import type { TranscriptElement, TranscriptNode } from './transcript-tree';

/**
 * Headings inside a turn sit two levels below the turn's own `##`, so the export's outline
 * stays title → turn → the turn's sections (an `h1` in a message becomes `###`).
 */
const HEADING_LEVEL_OFFSET = 2;
/** CommonMark reads at most nine digits as a list number. */
const MAX_LIST_NUMBER = 999_999_999;

/**
 * Blocks (paragraphs, lists, tables, …) as Markdown, separated by blank lines. The renderers
 * below call each other for nested blocks through `runOnOwnStack` (explicit-stack.ts), so
 * nesting costs no call stack (and `readTranscriptTree` bounds it anyway).
 */
export function renderBlocks(nodes: TranscriptNode[], plan: FootnotePlan): string {
  return runOnOwnStack(blocksMarkdown(nodes, plan));
}

function* blocksMarkdown(nodes: TranscriptNode[], plan: FootnotePlan): Steps<string> {
  const blocks = yield* resultOf(renderSequence(nodes, plan));
  return blocks.map((block) => block.markdown).join('\n\n');
}

interface RenderedBlock {
  node: TranscriptNode;
  markdown: string;
}

/**
 * Each block's Markdown, empty ones left out. Two lists of the same kind in a row would read
 * as one list, so every other one uses the other marker (`-`/`+`, `1.`/`1)`).
 */
function* renderSequence(nodes: TranscriptNode[], plan: FootnotePlan): Steps<RenderedBlock[]> {
  const rendered: RenderedBlock[] = [];
  let previousList = null as { type: string; alternate: boolean } | null;
  for (const node of nodes) {
    const list = node.kind === 'element' && isList(node) ? node : null;
    const alternate: boolean = list !== null && previousList?.type === list.type && !previousList.alternate;
    const markdown = list ? yield* resultOf(renderList(list, plan, alternate)) : yield* resultOf(renderBlock(node, plan));
    if (markdown === '') continue;
    rendered.push({ node, markdown });
    previousList = list ? { type: list.type, alternate } : null;
  }
  return rendered;
}

function* renderBlock(node: TranscriptNode, plan: FootnotePlan): Steps<string> {
  if (node.kind === 'text') return renderInline([node], plan, 'paragraph');
  switch (node.type) {
    case 'paragraph':
      return renderInline(node.content, plan, 'paragraph');
    case 'heading':
      return renderHeading(node, plan);
    case 'codeBlock':
      return renderCodeBlock(node);
    case 'blockquote':
      return prefixLines(yield* resultOf(blocksMarkdown(node.content, plan)), '> ', '>');
    case 'horizontalRule':
      // Not `---`: as the first line of a `-` list item that would be a rule instead of the item.
      return '***';
    case 'table':
      return renderTable(node, plan);
    case 'hardBreak':
      return '';
    default:
      // An element the schema does not know: its text as a paragraph, or its blocks.
      return node.content.every((child) => child.kind === 'text' || child.type === 'hardBreak')
        ? renderInline(node.content, plan, 'paragraph')
        : yield* resultOf(blocksMarkdown(node.content, plan));
  }
}

function renderHeading(node: TranscriptElement, plan: FootnotePlan): string {
  const text = renderInline(node.content, plan, 'heading');
  if (text === '') return '';
  const level = Math.min(6, integerAttribute(node.attrs.level, 1, 6, 1) + HEADING_LEVEL_OFFSET);
  // A heading's trailing `#`s after a space are its optional closing sequence, not text.
  return `${'#'.repeat(level)} ${text.replace(/#$/, '\\#')}`;
}

function renderCodeBlock(node: TranscriptElement): string {
  const code = codeBlockText(node);
  const fence = codeFence(code);
  const opening = `${fence}${codeInfoString(node.attrs.language)}`;
  return code === '' ? `${opening}\n${fence}` : `${opening}\n${code}\n${fence}`;
}

function isList(node: TranscriptElement): boolean {
  return node.type === 'bulletList' || node.type === 'orderedList';
}

function* renderList(list: TranscriptElement, plan: FootnotePlan, alternate: boolean): Steps<string> {
  const ordered = list.type === 'orderedList';
  const items = list.content;
  const start = integerAttribute(list.attrs.start, 0, MAX_LIST_NUMBER - Math.max(items.length - 1, 0), 1);
  const rendered: string[] = [];
  for (const [index, item] of items.entries()) {
    const marker = ordered ? `${start + index}${alternate ? ')' : '.'}` : alternate ? '+' : '-';
    const body =
      item.kind === 'element' && item.type === 'listItem' ? yield* resultOf(renderListItemBody(item.content, plan)) : yield* resultOf(blocksMarkdown([item], plan));
    if (body === '') {
      rendered.push(marker);
      continue;
    }
    // The item's lines after its first line up with the text after the marker.
    const [first, ...rest] = body.split('\n');
    rendered.push([`${marker} ${first}`, ...rest.map((line) => (line === '' ? '' : ' '.repeat(marker.length + 1) + line))].join('\n'));
  }
  return rendered.join('\n');
}

/**
 * A list item's blocks. A list right after the item's paragraph follows on the next line,
 * keeping the list tight; anything else gets a blank line. (An ordered list that does not
 * start at 1 cannot interrupt a paragraph, so it gets the blank line too.)
 */
function* renderListItemBody(nodes: TranscriptNode[], plan: FootnotePlan): Steps<string> {
  const blocks = yield* resultOf(renderSequence(nodes, plan));
  return blocks
    .map((block, index) => {
      if (index === 0) return block.markdown;
      const previous = blocks[index - 1]?.node;
      const tight = previous?.kind === 'element' && previous.type === 'paragraph' && block.node.kind === 'element' && startsAtOne(block.node);
      return `${tight ? '\n' : '\n\n'}${block.markdown}`;
    })
    .join('');
}

function startsAtOne(node: TranscriptElement): boolean {
  if (node.type === 'bulletList') return true;
  return node.type === 'orderedList' && integerAttribute(node.attrs.start, 0, MAX_LIST_NUMBER, 1) === 1;
}

/** Prefixes every line; blank lines get `blankPrefix` (no trailing spaces). */
function prefixLines(text: string, prefix: string, blankPrefix: string): string {
  if (text === '') return '';
  return text
    .split('\n')
    .map((line) => (line === '' ? blankPrefix : prefix + line))
    .join('\n');
}
