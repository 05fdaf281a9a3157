import type { InlineMark } from './transcript-blocks';
import type { WhitespaceMode } from './transcript-builder';
import { attributeOf, classNamesOf, type HtmlElement } from './html-tree';

/**
 * What each HTML element means to a transcript. Elements not named here are transparent:
 * their text is kept, the element is not.
 */

/** Dropped with everything inside: active content, remote resources, page metadata, form controls. */
export const droppedElementNames = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'param', 'portal', 'fencedframe', 'img', 'image', 'picture', 'video', 'audio', 'source', 'track', 'canvas', 'map', 'area',
  'head', 'title', 'meta', 'link', 'base', 'button', 'input', 'select', 'textarea', 'option', 'optgroup', 'datalist',
  'output', 'progress', 'meter', 'colgroup', 'col', 'slot', 'selectedcontent',
]);

/** Elements that end a paragraph (a line box) without being a block the editor has. */
export const boundaryElementNames = new Set([
  'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'address', 'figure', 'figcaption', 'details',
  'summary', 'dl', 'dt', 'dd', 'center', 'hgroup', 'fieldset', 'legend', 'form', 'search', 'dialog', 'li', 'tr', 'td', 'th',
  'caption', 'body', 'html',
]);

export const headingLevels = new Map<string, 1 | 2 | 3 | 4 | 5 | 6>([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4], ['h5', 5], ['h6', 6]]);

/** Elements shown as code blocks. `listing` and `xmp` are obsolete spellings of `pre`. */
export const preformattedElementNames = new Set(['pre', 'listing', 'xmp', 'plaintext']);

const markByElementName = new Map<string, InlineMark>([
  ['strong', { type: 'strong' }],
  ['b', { type: 'strong' }],
  ['em', { type: 'em' }],
  ['i', { type: 'em' }],
  ['code', { type: 'code' }],
  ['kbd', { type: 'code' }],
  ['samp', { type: 'code' }],
  ['tt', { type: 'code' }],
  ['s', { type: 's' }],
  ['strike', { type: 's' }],
  ['del', { type: 's' }],
]);

export function markOf(element: HtmlElement): InlineMark | undefined {
  return markByElementName.get(element.tagName);
}

/** Class names of screen-reader-only text ("You said:", "ChatGPT said:") in common CSS frameworks. */
const screenReaderOnlyClassNames = new Set([
  'sr-only', 'visually-hidden', 'visuallyhidden', 'screen-reader-only', 'screen-reader-text', 'cdk-visually-hidden', 'a11y-hidden', 'assistive-text',
]);

const noDeclarations: ReadonlyMap<string, string> = new Map();

function styleDeclarations(element: HtmlElement): ReadonlyMap<string, string> {
  const style = attributeOf(element, 'style');
  if (!style) return noDeclarations;
  const declarations = new Map<string, string>();
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0) declarations.set(declaration.slice(0, colon).trim().toLowerCase(), declaration.slice(colon + 1).trim().toLowerCase());
  }
  return declarations;
}

/** Not shown to a sighted reader: hidden, `aria-hidden`, `display: none`, or screen-reader-only. */
export function isHiddenElement(element: HtmlElement): boolean {
  if (attributeOf(element, 'hidden') !== undefined) return true;
  if (attributeOf(element, 'aria-hidden')?.trim().toLowerCase() === 'true') return true;
  if (element.tagName === 'dialog' && attributeOf(element, 'open') === undefined) return true;
  if (classNamesOf(element).some((name) => screenReaderOnlyClassNames.has(name))) return true;
  const style = styleDeclarations(element);
  const display = style.get('display');
  const visibility = style.get('visibility');
  return display?.startsWith('none') === true || visibility?.startsWith('hidden') === true || visibility?.startsWith('collapse') === true;
}

const keepLinesClassNames = new Set(['whitespace-pre-wrap', 'whitespace-pre-line', 'whitespace-pre', 'whitespace-break-spaces']);
const collapseClassNames = new Set(['whitespace-normal', 'whitespace-nowrap']);

/** The whitespace mode an element sets for its text (`white-space` in its style or a Tailwind class), if any. */
export function whitespaceModeOf(element: HtmlElement): WhitespaceMode | undefined {
  const whiteSpace = styleDeclarations(element).get('white-space');
  if (whiteSpace !== undefined) {
    if (/^(pre|pre-wrap|pre-line|break-spaces)\b/.test(whiteSpace)) return 'keep-lines';
    if (/^(normal|nowrap)\b/.test(whiteSpace)) return 'collapse';
  }
  const classNames = classNamesOf(element);
  if (classNames.some((name) => keepLinesClassNames.has(name))) return 'keep-lines';
  if (classNames.some((name) => collapseClassNames.has(name))) return 'collapse';
  return undefined;
}

/** A table cell's span, clamped to what a table can sensibly have. */
export function cellSpan(element: HtmlElement, name: 'colspan' | 'rowspan'): number {
  const value = Number.parseInt(attributeOf(element, name) ?? '1', 10);
  return Number.isFinite(value) ? Math.min(Math.max(value, 1), 1000) : 1;
}

const languageClassPattern = /^(?:language|lang)-([A-Za-z0-9_+#.-]{1,40})$/;
const languageNamePattern = /^[A-Za-z0-9_+#.-]{1,40}$/;

/** A code language named by a `language-…` class or `data-language` attribute. */
export function codeLanguageOf(element: HtmlElement): string | undefined {
  for (const name of classNamesOf(element)) {
    const match = languageClassPattern.exec(name);
    if (match) return (match[1] as string).toLowerCase();
  }
  return normalizeCodeLanguage(attributeOf(element, 'data-language'));
}

/** A language label as shown by a chat app ("Python", "Bash") as a class-name-safe name, if it is one. */
export function normalizeCodeLanguage(label: string | undefined): string | undefined {
  const trimmed = label?.trim().toLowerCase();
  return trimmed && languageNamePattern.test(trimmed) ? trimmed : undefined;
}
