import { delimiters } from './inline-pieces';
import type { InlineToken } from './inline-tokens';

/**
 * Whether CommonMark would pair a line's emphasis delimiters the way we wrote them: the
 * parts of its "process emphasis" algorithm that our nested delimiters can run into.
 */

const unicodeWhitespace = /^[\t\n\f\r \p{Zs}]$/u;
const unicodePunctuation = /^[\p{P}\p{S}]$/u;

interface DelimiterRun {
  /** Token indices: the run is tokens[start..end). */
  start: number;
  end: number;
  character: string;
  /** Its length in characters. */
  length: number;
  canOpen: boolean;
  canClose: boolean;
}

/**
 * The pairs (by number) whose delimiters CommonMark would not pair up as we mean them.
 * `written`: each token as currently written; pairs in `asHtml` are written as HTML tags.
 */
export function failingPairs(tokens: InlineToken[], written: string[], asHtml: Set<number>): number[] {
  const runOf = new Map<number, DelimiterRun>();
  const openerIndex = new Map<number, number>();
  const closerIndex = new Map<number, number>();
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] as InlineToken;
    if (token.kind !== 'delimiter' || asHtml.has(token.pair)) {
      index++;
      continue;
    }
    // Adjacent delimiters of one character form one run (`**` then `*` is `***`); flanking is the run's.
    const character = delimiters[token.mark][0] as string;
    let end = index + 1;
    while (end < tokens.length && isMarkdownDelimiter(tokens[end], asHtml, character)) end++;
    const before = lastCharacter(written, index);
    const after = firstCharacter(written, end);
    const run: DelimiterRun = {
      start: index,
      end,
      character,
      length: written.slice(index, end).join('').length,
      canOpen: !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before)),
      canClose: !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after)),
    };
    for (let member = index; member < end; member++) {
      const delimiter = tokens[member] as Extract<InlineToken, { kind: 'delimiter' }>;
      runOf.set(member, run);
      (delimiter.side === 'open' ? openerIndex : closerIndex).set(delimiter.pair, member);
    }
    index = end;
  }

  const failing: number[] = [];
  for (const [pair, opener] of openerIndex) {
    const closer = closerIndex.get(pair) as number;
    const openRun = runOf.get(opener) as DelimiterRun;
    const closeRun = runOf.get(closer) as DelimiterRun;
    if (!openRun.canOpen || !closeRun.canClose) failing.push(pair);
    else if (openRun.character === '*' && breaksRuleOfThree(openRun, closeRun)) failing.push(pair);
    else if (openRun.character === '*' && openRun.canClose && hasOuterOpener(openRun, openerIndex, closerIndex, runOf)) failing.push(pair);
  }
  return failing;
}

/**
 * CommonMark will not pair two `*` runs, one of which could both open and close, when their
 * lengths add up to a multiple of 3 (unless both are multiples of 3).
 */
function breaksRuleOfThree(opener: DelimiterRun, closer: DelimiterRun): boolean {
  const either = (opener.canOpen && opener.canClose) || (closer.canOpen && closer.canClose);
  return either && (opener.length + closer.length) % 3 === 0 && !(opener.length % 3 === 0 && closer.length % 3 === 0);
}

/**
 * An opening `*` run that could also close is tried as a closer first: if some `*` opened
 * before it is still open after it, the run would close that one instead of opening ours.
 */
function hasOuterOpener(run: DelimiterRun, openerIndex: Map<number, number>, closerIndex: Map<number, number>, runOf: Map<number, DelimiterRun>): boolean {
  for (const [pair, opener] of openerIndex) {
    const closer = closerIndex.get(pair) as number;
    if (opener < run.start && closer >= run.end && runOf.get(opener)?.character === '*') return true;
  }
  return false;
}

function isMarkdownDelimiter(token: InlineToken | undefined, asHtml: Set<number>, character: string | undefined): boolean {
  return token?.kind === 'delimiter' && !asHtml.has(token.pair) && delimiters[token.mark][0] === character;
}

/** The character before token `index` on the line; a line's start counts as whitespace. */
function lastCharacter(written: string[], index: number): string {
  for (let each = index - 1; each >= 0; each--) {
    const text = written[each] ?? '';
    if (text !== '') return String.fromCodePoint(text.codePointAt(text.length - 1 - (isLowSurrogateAtEnd(text) ? 1 : 0)) ?? 32);
  }
  return ' ';
}

/** The character at or after token `index`; a line's end counts as whitespace. */
function firstCharacter(written: string[], index: number): string {
  for (let each = index; each < written.length; each++) {
    const text = written[each] ?? '';
    if (text !== '') return String.fromCodePoint(text.codePointAt(0) ?? 32);
  }
  return ' ';
}

function isLowSurrogateAtEnd(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  const previous = text.charCodeAt(text.length - 2);
  return last >= 0xdc00 && last <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff;
}

function isWhitespace(character: string): boolean {
  return unicodeWhitespace.test(character);
}

function isPunctuation(character: string): boolean {
  return unicodePunctuation.test(character);
}
