import { InvalidError } from '@/lib/errors';
import { limits } from '@/lib/limits';
import type { TranscriptExtent } from '@/lib/sync/transcript-extent';
import type { TranscriptTurn } from './imported-conversation';
import { sameMark, type InlineMark, type InlineNode, type TranscriptBlock } from './transcript-blocks';

/**
 * About how many elements the turns will make in the document (never fewer): the turn, its
 * blocks, a text node per line of each paragraph, heading or code block, and each line break;
 * plus each formatted stretch (a run of text sharing a mark), which building the document
 * costs like a node of its own. Counted on the blocks before the document is built, because
 * building it takes memory per node: five million one-letter lines, or a line of six hundred
 * thousand bold and italic letters, must be refused before it.
 */
export function estimateImportedElements(turns: readonly TranscriptTurn[]): number {
  let elements = 0;
  for (const { blocks } of turns) elements += 1 + blockElements(blocks);
  return elements;
}

function blockElements(blocks: readonly TranscriptBlock[]): number {
  let elements = 0;
  for (const block of blocks) {
    elements += 1;
    if (block.type === 'paragraph' || block.type === 'heading') elements += 1 + inlineElements(block.content);
    // The code block's text node, and its `code` element (a formatted stretch, as HTML wrote it).
    else if (block.type === 'codeBlock') elements += 2;
    else if (block.type === 'list') for (const item of block.items) elements += 1 + blockElements(item);
    else if (block.type === 'blockquote') elements += blockElements(block.content);
    else if (block.type === 'table') for (const row of block.rows) elements += 1 + row.cells.reduce((sum, cell) => sum + 1 + blockElements(cell.content), 0);
  }
  return elements;
}

/** Two per line break (the break and the next line's text) and one per formatted stretch: a mark opened where the text before lacked it. */
function inlineElements(content: readonly InlineNode[]): number {
  let elements = 0;
  let open: readonly InlineMark[] = [];
  for (const node of content) {
    if (node.type === 'break') {
      elements += 2;
      open = [];
      continue;
    }
    let shared = 0;
    while (shared < open.length && shared < node.marks.length && sameMark(open[shared] as InlineMark, node.marks[shared] as InlineMark)) shared += 1;
    elements += node.marks.length - shared;
    open = node.marks;
  }
  return elements;
}

/** Refuses (400 on `field`) a paste whose turns would make more elements (or parse nodes) than a document may hold. */
export function assertImportedElementsWithinLimit(turns: readonly TranscriptTurn[], field: string): void {
  const elements = estimateImportedElements(turns);
  if (elements > limits.document.maxElements) throw tooManyElements(field, elements);
}

/**
 * Refuses (400 on `field`) a document built from a paste that passes any of the bounds the
 * live-sync server enforces, so that an import never stores what an edit could not make.
 */
export function assertImportedDocumentWithinLimits(extent: TranscriptExtent, stateBytes: number, field: string): void {
  const { maxNestingDepth, maxElements, maxTextCharacters, maxDocumentBytes } = limits.document;
  if (extent.elements > maxElements) throw tooManyElements(field, extent.elements);
  if (extent.depth > maxNestingDepth) throw new InvalidError(field, `The pasted transcript nests ${extent.depth} deep; a conversation can nest at most ${maxNestingDepth} deep.`);
  if (extent.textCharacters > maxTextCharacters) {
    throw new InvalidError(field, `The pasted transcript has ${format(extent.textCharacters)} characters of text; a conversation can hold at most ${format(maxTextCharacters)}.`);
  }
  if (stateBytes > maxDocumentBytes) {
    throw new InvalidError(field, `The pasted transcript makes a ${(stateBytes / 1024 / 1024).toFixed(1)} MiB document; a conversation can be at most ${maxDocumentBytes / 1024 / 1024} MiB.`);
  }
}

function tooManyElements(field: string, elements: number): InvalidError {
  return new InvalidError(
    field,
    `The pasted transcript has about ${format(elements)} paragraphs, lines, formatted stretches and other parts; a conversation can have at most ${format(limits.document.maxElements)}. Paste it in several conversations.`,
  );
}

function format(count: number): string {
  return count.toLocaleString('en');
}
