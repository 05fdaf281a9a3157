import { html, parse, type DefaultTreeAdapterTypes } from 'parse5';

/**
 * The parsed HTML tree (parse5's default tree) and the few questions the importers ask of
 * it. Every walk here is iterative: a paste can nest elements tens of thousands deep.
 */
export type HtmlNode = DefaultTreeAdapterTypes.Node;
export type HtmlElement = DefaultTreeAdapterTypes.Element;
export type HtmlParentNode = DefaultTreeAdapterTypes.ParentNode;
export type HtmlDocument = DefaultTreeAdapterTypes.Document;

/** Parses a whole pasted document (clipboard HTML usually is one) the way a browser would. */
export function parseHtmlDocument(source: string): HtmlDocument {
  return parse(source);
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/** An element of the HTML namespace (not SVG or MathML, whose names can clash: `a`, `style`). */
export function isHtmlElement(node: HtmlNode): node is HtmlElement {
  return isElement(node) && node.namespaceURI === html.NS.HTML;
}

export function inHtmlNamespace(element: HtmlElement): boolean {
  return element.namespaceURI === html.NS.HTML;
}

export function childNodesOf(node: HtmlNode): readonly HtmlNode[] {
  if (node.nodeName === 'template' && 'content' in node) return (node as DefaultTreeAdapterTypes.Template).content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

export function attributeOf(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

export function classNamesOf(element: HtmlElement): string[] {
  const value = attributeOf(element, 'class');
  return value ? value.split(/[\t\n\f\r ]+/).filter((name) => name.length > 0) : [];
}

export function hasClass(element: HtmlElement, className: string): boolean {
  return classNamesOf(element).includes(className);
}

/** Every element under `root` (not `root` itself) in document order. */
export function* descendantElements(root: HtmlNode): Generator<HtmlElement> {
  const pending: HtmlNode[] = [...childNodesOf(root)].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as HtmlNode;
    if (!isElement(node)) continue;
    yield node;
    const children = childNodesOf(node);
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index] as HtmlNode);
  }
}

export function findElements(root: HtmlNode, matches: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  for (const element of descendantElements(root)) if (matches(element)) found.push(element);
  return found;
}

export function findElement(root: HtmlNode, matches: (element: HtmlElement) => boolean): HtmlElement | undefined {
  for (const element of descendantElements(root)) if (matches(element)) return element;
  return undefined;
}

/** The matching elements not inside another match (the outermost ones), in document order. */
export function findOutermostElements(root: HtmlNode, matches: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const pending: HtmlNode[] = [...childNodesOf(root)].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as HtmlNode;
    if (!isElement(node)) continue;
    if (matches(node)) {
      found.push(node);
      continue;
    }
    const children = childNodesOf(node);
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index] as HtmlNode);
  }
  return found;
}

/**
 * The nearest proper ancestor of `node` that matches, looking at most `maxLevels` up. Callers
 * that run this for many nodes pass a small limit, so a deeply nested paste stays linear.
 */
export function closestAncestor(node: HtmlNode, matches: (element: HtmlElement) => boolean, maxLevels = Infinity): HtmlElement | undefined {
  let current = 'parentNode' in node ? node.parentNode : null;
  for (let level = 0; current && level < maxLevels; level += 1) {
    if (isElement(current) && matches(current)) return current;
    current = 'parentNode' in current ? current.parentNode : null;
  }
  return undefined;
}

/** The text of `root` and everything under it, as the DOM's `textContent` would give it. */
export function textContentOf(root: HtmlNode): string {
  const parts: string[] = [];
  const pending: HtmlNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as HtmlNode;
    if (node.nodeName === '#text') parts.push((node as DefaultTreeAdapterTypes.TextNode).value);
    const children = childNodesOf(node);
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index] as HtmlNode);
  }
  return parts.join('');
}
