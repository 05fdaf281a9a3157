/**
 * Escaping text for CommonMark/GFM: what a character needs so that it reads as itself and
 * never as syntax. Backslash escapes work on every ASCII punctuation character, so escaping
 * one that did not need it is harmless; we still leave the common harmless ones alone (a
 * lone `=`, an intraword `_`, `#` mid-line) so the export stays pleasant to read.
 */

/** Characters that are syntax wherever they stand (emphasis, code, links, strikethrough, tables, escapes). */
const alwaysSpecial = /[\\`*[\]~|]/g;

/** `_` opens or closes emphasis unless it has a letter or digit on both sides. */
const looseUnderscore = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** `==` is highlight syntax; a single `=` next to one of our delimiters would join it. */
const equalsRun = /={2,}|^=|=$/g;

/** `<` that could start an HTML tag, comment, declaration or autolink. */
const tagOpening = /<(?=[A-Za-z/!?])/g;

/** `&` that would start a character reference. */
const entityStart = /&(?=#?[A-Za-z0-9]+;)/g;

/**
 * Text inside a paragraph, heading or table cell. `lineStart`: the text begins a line, where
 * `#`, `>`, `-`, `+`, `=` and `1.` would start a block.
 */
export function escapeInlineText(text: string, options: { lineStart?: boolean } = {}): string {
  let escaped = text
    .replace(alwaysSpecial, '\\$&')
    .replace(looseUnderscore, '\\_')
    .replace(equalsRun, (run) => run.replace(/=/g, '\\='))
    .replace(tagOpening, '\\<')
    .replace(entityStart, '\\&');
  if (options.lineStart) {
    escaped = escaped.replace(/^[#>+=-]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  }
  return escaped;
}

/** An inline code span holding `text` exactly: a backtick fence longer than any run inside. */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let content = text.replace(/\r\n?|\n/g, ' ');
  // Within a table row GFM splits cells at every unescaped pipe, code spans included.
  if (options.inTable) content = content.replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const needsPadding = content.startsWith('`') || content.endsWith('`') || (/^ .* $/s.test(content) && content.trim() !== '');
  return needsPadding ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

/** The fence of a code block holding `code`: three backticks, or more than its longest run. */
export function codeFence(code: string): string {
  return '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
}

/** A code block's info string: the language name, less anything that could end or break the line. */
export function codeInfoString(language: unknown): string {
  if (typeof language !== 'string') return '';
  return language.replace(/[^\p{L}\p{N}_+\-.#]/gu, '').slice(0, 40);
}

const linkProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link's address if we keep the link: http, https and mailto only, so no `javascript:`
 * or `data:` reaches a reader's renderer. Other links become their plain text.
 */
export function allowedLinkHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  try {
    return linkProtocols.has(new URL(trimmed).protocol) ? trimmed : null;
  } catch {
    return null;
  }
}

/** An address as the destination of `[text](…)`: spaces and controls percent-encoded, parentheses escaped. */
export function linkDestination(href: string, options: { inTable?: boolean } = {}): string {
  const destination = href.replace(/[\u0000-\u0020\u007f<>]/g, (character) => encodeURIComponent(character)).replace(/[()\\]/g, '\\$&');
  return options.inTable ? destination.replace(/\|/g, '\\|') : destination;
}

/** An address as an HTML attribute value. */
export function htmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function longestRun(text: string, character: string): number {
  let longest = 0;
  let current = 0;
  for (const each of text) {
    current = each === character ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}
