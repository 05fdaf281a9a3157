import {
  boundaryElementNames,
  cellSpan,
  codeLanguageOf,
  droppedElementNames,
  headingLevels,
  isHiddenElement,
  markOf,
  preformattedElementNames,
  whitespaceModeOf,
} from './html-element-kinds';
import { attributeOf, childNodesOf, findElement, findElements, inHtmlNamespace, isElement, isHtmlElement, textContentOf, type HtmlElement, type HtmlNode } from './html-tree';
import { safeLinkHref } from './safe-link-href';
import type { TranscriptBuilder, WhitespaceMode } from './transcript-builder';

/** What a chat app's importer knows about its own markup, on top of the general rules. */
export interface TranscriptHtmlOptions {
  /** Page furniture to drop with its content (model pickers, labels, timestamps). */
  isFurniture?: (element: HtmlElement) => boolean;
  /** Elements dropped by default whose text is content here (ScienceOS cites sources in buttons). */
  keepsText?: (element: HtmlElement) => boolean;
  /** The language of a code block, where the app shows it outside the code's classes. */
  codeLanguage?: (pre: HtmlElement) => string | undefined;
}

type WalkStep = { node: HtmlNode; whitespace: WhitespaceMode } | { exit: () => void };

/**
 * Writes the transcript content of `nodes` (and everything under them) into `builder`:
 * the allowlisted structure and marks, the text of anything else, nothing that is hidden,
 * active or furniture. The walk keeps its own stack, so nesting depth costs no call stack.
 */
export function writeHtmlToTranscript(builder: TranscriptBuilder, nodes: readonly HtmlNode[], options: TranscriptHtmlOptions = {}): void {
  const steps: WalkStep[] = [...nodes].reverse().map((node) => ({ node, whitespace: inheritedWhitespace(node) }));
  while (steps.length > 0) {
    const step = steps.pop() as WalkStep;
    if ('exit' in step) {
      step.exit();
      continue;
    }
    const { node, whitespace } = step;
    if (node.nodeName === '#text') {
      builder.addText((node as { value: string }).value, whitespace);
      continue;
    }
    if (!isElement(node)) {
      if (node.nodeName === '#document' || node.nodeName === '#document-fragment') pushChildren(steps, node, whitespace);
      continue; // comments, doctypes
    }
    if (!inHtmlNamespace(node)) {
      if (node.tagName === 'math') writeMathText(builder, node, whitespace);
      continue; // SVG and MathML
    }
    if (isHiddenElement(node) || options.isFurniture?.(node)) continue;
    if (droppedElementNames.has(node.tagName) && !options.keepsText?.(node)) continue;
    const childWhitespace = whitespaceModeOf(node) ?? whitespace;
    const exit = enterElement(builder, node, options);
    if (exit === 'skip-children') continue;
    if (exit) steps.push({ exit });
    pushChildren(steps, node, childWhitespace);
  }
}

function pushChildren(steps: WalkStep[], node: HtmlNode, whitespace: WhitespaceMode): void {
  const children = childNodesOf(node);
  for (let index = children.length - 1; index >= 0; index -= 1) steps.push({ node: children[index] as HtmlNode, whitespace });
}

/** The whitespace mode in force where `node` sits, from its nearer ancestors' styles. */
function inheritedWhitespace(node: HtmlNode): WhitespaceMode {
  let current: HtmlNode | null = node;
  for (let level = 0; current && level < 64; level += 1) {
    if (isElement(current)) {
      const mode = whitespaceModeOf(current);
      if (mode) return mode;
    }
    current = 'parentNode' in current ? current.parentNode : null;
  }
  return 'collapse';
}

/** Starts `element` in the builder; returns how to end it, or 'skip-children' when it was written whole. */
function enterElement(builder: TranscriptBuilder, element: HtmlElement, options: TranscriptHtmlOptions): (() => void) | 'skip-children' | undefined {
  const name = element.tagName;
  if (name === 'br') {
    builder.addBreak();
    return undefined;
  }
  const mark = markOf(element);
  if (mark) {
    builder.pushMark(mark);
    return () => builder.popMark();
  }
  if (name === 'a') {
    const href = safeLinkHref(attributeOf(element, 'href'));
    if (!href) return undefined;
    builder.pushMark({ type: 'link', href });
    return () => builder.popMark();
  }
  if (builder.inExplicitInline) return undefined; // inside a paragraph, blocks are transparent
  if (preformattedElementNames.has(name)) {
    builder.addCodeBlock(preformattedText(element, options), options.codeLanguage?.(element) ?? codeBlockLanguage(element));
    return 'skip-children';
  }
  if (name === 'p') {
    builder.openParagraph();
    return () => builder.closeInline();
  }
  const headingLevel = headingLevels.get(name);
  if (headingLevel) {
    builder.openHeading(headingLevel);
    return () => builder.closeInline();
  }
  if (name === 'hr') {
    builder.addHorizontalRule();
    return undefined;
  }
  return enterContainer(builder, element) ?? enterBoundary(builder, element);
}

function enterContainer(builder: TranscriptBuilder, element: HtmlElement): (() => void) | undefined {
  const name = element.tagName;
  const close = () => builder.closeContainer();
  if (name === 'li') return builder.openListItem() ? close : undefined;
  if (name === 'td' || name === 'th') return builder.openTableCell(name === 'th', cellSpan(element, 'colspan'), cellSpan(element, 'rowspan')) ? close : undefined;
  if (name === 'thead') {
    builder.setTableSection(true);
    return () => builder.setTableSection(false);
  }
  if (name === 'tbody' || name === 'tfoot') {
    builder.setTableSection(false);
    return undefined;
  }
  if (name === 'tr') {
    builder.openTableRow();
    return undefined;
  }
  if (name === 'caption') {
    builder.setTableSection(true);
    return builder.openTableCell(true, 1, 1) ? () => (builder.closeContainer(), builder.setTableSection(false)) : undefined;
  }
  if ((name === 'ul' || name === 'ol' || name === 'menu') && builder.canNest('list')) {
    builder.openList(name === 'ol');
    return close;
  }
  if (name === 'blockquote' && builder.canNest('blockquote')) {
    builder.openBlockquote();
    return close;
  }
  if (name === 'table' && builder.canNest('table')) {
    builder.openTable();
    return close;
  }
  return undefined;
}

/** Block-level elements the editor has no block for (and lists, quotes, tables nested too deep) end a paragraph. */
function enterBoundary(builder: TranscriptBuilder, element: HtmlElement): (() => void) | undefined {
  const isBoundary = boundaryElementNames.has(element.tagName) || flattenedContainerNames.has(element.tagName);
  if (!isBoundary) return undefined;
  builder.blockBoundary();
  return () => builder.blockBoundary();
}

const flattenedContainerNames = new Set(['ul', 'ol', 'menu', 'blockquote', 'table']);

const lineElementNames = new Set(['div', 'p', 'li', 'tr', 'section', 'article', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The text of a code block, exactly. When the block holds a `code` element, only text in
 * `code` counts: what sits beside it in the `pre` is the app's header (language label,
 * "Copy code"). Line-like elements inside (one `div` per line in some editors) end lines.
 */
function preformattedText(pre: HtmlElement, options: TranscriptHtmlOptions): string {
  const hasCode = findElement(pre, (element) => element.tagName === 'code') !== undefined;
  const parts: string[] = [];
  const endLine = () => {
    const last = parts.at(-1);
    if (last !== undefined && !last.endsWith('\n')) parts.push('\n');
  };
  const steps: Array<{ node: HtmlNode; inCode: boolean }> = [...childNodesOf(pre)].reverse().map((node) => ({ node, inCode: false }));
  while (steps.length > 0) {
    const { node, inCode } = steps.pop() as { node: HtmlNode; inCode: boolean };
    if (node.nodeName === '#text') {
      if (inCode || !hasCode) parts.push((node as { value: string }).value);
      continue;
    }
    if (!isHtmlElement(node) || isHiddenElement(node) || options.isFurniture?.(node)) continue;
    if (droppedElementNames.has(node.tagName) && !options.keepsText?.(node)) continue;
    if (node.tagName === 'br') parts.push('\n');
    else if (lineElementNames.has(node.tagName)) endLine();
    const children = childNodesOf(node);
    const childInCode = inCode || node.tagName === 'code';
    for (let index = children.length - 1; index >= 0; index -= 1) steps.push({ node: children[index] as HtmlNode, inCode: childInCode });
  }
  return parts.join('');
}

function codeBlockLanguage(pre: HtmlElement): string | undefined {
  return codeLanguageOf(pre) ?? findElements(pre, (element) => element.tagName === 'code').map(codeLanguageOf).find((language) => language);
}

/** MathML is not kept, but its TeX source (KaTeX and MathJax annotate with it) or its text is. */
function writeMathText(builder: TranscriptBuilder, math: HtmlElement, whitespace: WhitespaceMode): void {
  const annotation = findElement(math, (element) => element.tagName === 'annotation' && attributeOf(element, 'encoding') === 'application/x-tex');
  builder.addText(textContentOf(annotation ?? math), annotation ? 'collapse' : whitespace);
}
