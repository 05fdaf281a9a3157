import { delimiters, type DelimitedMark } from './inline-pieces';
import { failingPairs } from './delimiter-pairing';
import { codeSpan, escapeInlineText, htmlAttribute, linkDestination } from './markdown-escape';

/** One line of inline Markdown before it is written out. */
export type InlineToken =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'delimiter'; mark: DelimitedMark; side: 'open' | 'close'; pair: number }
  | { kind: 'linkOpen'; href: string }
  | { kind: 'linkClose'; href: string }
  | { kind: 'reference'; number: number };

/** The same marks as inline HTML, for the rare spot where a delimiter would not be read as one. */
const htmlTags: Record<DelimitedMark, string> = { bold: 'strong', italic: 'em', strike: 'del', highlight: 'mark' };

export interface LineOptions {
  /** The line begins a block's line, where its first text could be taken for block syntax. */
  lineStart: boolean;
  /** Inside a GFM table row, where every `|` must be escaped, even in code and links. */
  inTable: boolean;
}

/**
 * Writes a line of tokens. A delimiter only works where CommonMark's rules let it: it must
 * be flanking on the right side (`**"quoted"**word` is not bold: the closing `**` sits
 * between punctuation and a letter), and `*` runs obey the "rule of 3" and close whatever
 * `*` is open when they can. Each pair of delimiters that would not pair up as intended is
 * written as HTML instead (`<strong>…</strong>`), and the line checked again, until every
 * delimiter left works.
 */
export function writeLine(tokens: InlineToken[], options: LineOptions): string {
  const merged = mergeAdjacentCode(tokens);
  const asHtml = new Set<number>();
  const htmlLink = options.lineStart && looksLikeDefinition(merged);
  for (;;) {
    const written = merged.map((token, index) =>
      writeToken(token, { previous: merged[index - 1], next: merged[index + 1], lineStart: index === 0 && options.lineStart, inTable: options.inTable, asHtml, htmlLink }),
    );
    const failing = failingPairs(merged, written, asHtml);
    if (failing.length === 0) return written.join('');
    for (const pair of failing) asHtml.add(pair);
  }
}

/** Two code spans side by side would run their backticks together: one span holds both. */
function mergeAdjacentCode(tokens: InlineToken[]): InlineToken[] {
  const merged: InlineToken[] = [];
  for (const token of tokens) {
    const last = merged.at(-1);
    if (token.kind === 'code' && last?.kind === 'code') merged[merged.length - 1] = { kind: 'code', text: last.text + token.text };
    else merged.push(token);
  }
  return merged;
}

/**
 * A line that starts with a link whose text holds `]:` in a code span (`[`]:`](…)`) would be
 * read as a link reference definition; only HTML (`<a href>`) keeps such a link a link.
 */
function looksLikeDefinition(tokens: InlineToken[]): boolean {
  if (tokens[0]?.kind !== 'linkOpen') return false;
  const end = tokens.findIndex((token) => token.kind === 'linkClose');
  return tokens.slice(0, end).some((token) => token.kind === 'code' && token.text.includes(']'));
}

interface TokenSurroundings {
  previous: InlineToken | undefined;
  next: InlineToken | undefined;
  lineStart: boolean;
  inTable: boolean;
  asHtml: Set<number>;
  /** Write the line's links as HTML anchors. */
  htmlLink: boolean;
}

function writeToken(token: InlineToken, { previous, next, lineStart, inTable, asHtml, htmlLink }: TokenSurroundings): string {
  switch (token.kind) {
    case 'text': {
      let text = escapeInlineText(token.text, { lineStart });
      // `[^1](…)` would read as a link, and `[^1]:` at a line's start as a footnote's definition.
      if (previous?.kind === 'reference') text = text.replace(/^[(:]/, '\\$&');
      // `[^…](…)` could be taken for a footnote reference.
      if (previous?.kind === 'linkOpen') text = text.replace(/^\^/, '\\^');
      // `![…](…)` is an image, and `^[…]` an inline footnote to some renderers.
      if (next?.kind === 'linkOpen' || next?.kind === 'reference') text = text.replace(/[!^]$/, '\\$&');
      return text;
    }
    case 'code':
      return codeSpan(token.text, { inTable });
    case 'delimiter':
      if (!asHtml.has(token.pair)) return delimiters[token.mark];
      return token.side === 'open' ? `<${htmlTags[token.mark]}>` : `</${htmlTags[token.mark]}>`;
    case 'linkOpen':
      return htmlLink ? `<a href="${htmlAttribute(token.href)}">` : '[';
    case 'linkClose':
      return htmlLink ? '</a>' : `](${linkDestination(token.href, { inTable })})`;
    case 'reference':
      return `[^${token.number}]`;
  }
}
