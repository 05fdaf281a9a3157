import { InvalidError } from '../errors';
import { limits } from '../limits';
import type { TranscriptExtent } from '../sync/transcript-extent';
import type { ImportedTurn } from './imported-conversation';

/** Tags of transcript HTML (what `serializeTranscriptBlocks` writes) that each become one element. */
const elementTag = /<(?:p|h[1-6]|pre|ul|ol|li|blockquote|table|tr|td|th|hr)[ >]/g;
/** Tags of the blocks that hold text: each holds one text node per line. */
const textblockTag = /<(?:p|h[1-6]|pre)>/g;
const lineBreakTag = /<br>/g;
/** Formatting (bold, italic, code, struck, links): no element in the document, but a node to parse like one. */
const markTag = /<(?:strong|em|code|s|a)[ >]/g;

/**
 * About how many elements the turns will make in the document (never fewer): the turn, its
 * blocks, a text node per line of each paragraph, heading or code block, and each line break;
 * plus each formatted stretch, which the editor's schema parses as a node of its own. Counted
 * on the sanitised HTML before that parse, because it takes seconds and over a gigabyte per
 * hundred thousand nodes: five million one-letter lines, or a line of six hundred thousand
 * bold and italic letters, must be refused before it (the latter would exhaust the heap).
 */
export function estimateImportedElements(turns: readonly ImportedTurn[]): number {
  let elements = 0;
  for (const { html } of turns) {
    const lineBreaks = countMatches(html, lineBreakTag);
    elements += 1 + countMatches(html, elementTag) + countMatches(html, textblockTag) + 2 * lineBreaks + countMatches(html, markTag);
  }
  return elements;
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (const _ of text.matchAll(pattern)) count += 1;
  return count;
}

/** Refuses (400 on `field`) a paste whose turns would make more elements (or parse nodes) than a document may hold. */
export function assertImportedElementsWithinLimit(turns: readonly ImportedTurn[], field: string): void {
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
