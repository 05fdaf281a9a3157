import type * as Y from 'yjs';
import { documentLayout } from './document-layout';
import { blockText, documentPlainText } from './document-text';

/**
 * The plain text of a workspace's response (`documentLayout.response`): each block
 * (paragraph, heading, list item…) on its own line, with the transcript's walk, which keeps
 * its own stack (a crafted response nested thousands deep costs no call stack). Not part of
 * `conversations.raw_text`, which stays the transcript (search reads it).
 */
export function responsePlainText(doc: Y.Doc): string {
  return blockText(doc.getXmlFragment(documentLayout.response)).trim();
}

/** Words of the response, as the page shows them and submission checks them. */
/**
 * Everything typed into a document as plain text: the transcript, then the response under a
 * "Response:" line when there is one. What the page offers to copy out when its changes were refused.
 */
export function typedPlainText(doc: Y.Doc): string {
  const transcript = documentPlainText(doc);
  const response = responsePlainText(doc);
  if (!response) return transcript;
  return transcript ? `${transcript}\n\nResponse:\n${response}` : `Response:\n${response}`;
}

export function responseWordCount(doc: Y.Doc): number {
  return countWords(responsePlainText(doc));
}

/**
 * Characters written one word each: Chinese characters, kana, and the iteration and
 * prolonged-sound marks that belong to them (Unicode script extensions Han, Hiragana,
 * Katakana). Korean writes spaces between words, so Hangul counts like Latin letters.
 */
const eachOneWord = String.raw`\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}`;
/**
 * The Hangul fillers: letters by their category that draw a blank, as wide as a space. Between
 * words they look like spaces, so they part words as spaces do (a response cannot hide words
 * from its limit behind them).
 */
const blankLetters = String.raw`\u115F\u1160\u3164\uFFA0`;
/** A letter or digit that starts or continues a word (not one of those above). */
const wordStart = String.raw`(?![${eachOneWord}${blankLetters}])[\p{L}\p{N}]`;
/** Inside a word also: combining marks (accents, vowel signs), the joiners (ZWNJ, ZWJ) and the soft hyphen, all drawn joined. */
const wordRest = String.raw`(?:(?![${eachOneWord}${blankLetters}])[\p{L}\p{N}\p{M}]|[\u200C\u200D\u00AD])`;
/** What joins two runs into one word: an apostrophe or hyphen (don't, well-known), or a point or comma between digits (3.14, 1,000). */
const joiner = String.raw`(?:['’ʼ\-‐‑]|(?<=\p{N})[.,](?=\p{N}))`;

const wordPattern = new RegExp(String.raw`(?=[\p{L}\p{N}])[${eachOneWord}]|${wordStart}${wordRest}*(?:${joiner}${wordStart}${wordRest}*)*`, 'gu');

/**
 * Words in `text`: runs of letters and digits (with their combining marks), kept whole
 * across an apostrophe or a hyphen inside them; every Chinese or Japanese character is one
 * word. Punctuation, symbols and emoji alone are not words. Thai, Lao, Khmer and Burmese,
 * written without spaces, count one word per spaced run.
 */
export function countWords(text: string): number {
  let count = 0;
  for (const _word of text.matchAll(wordPattern)) count += 1;
  return count;
}
