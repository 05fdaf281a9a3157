import * as Y from 'yjs';
import { transcriptDocumentFromHtml, type HtmlTurn } from '@/lib/testing/html-transcript-document';
import { documentLayout } from '@/lib/sync/document-layout';

export interface CommentFixture {
  authorName: string;
  createdAt: string;
  text: string;
}

export interface AnnotationFixture {
  tagId: string;
  authorName?: string;
  createdAt?: string;
  comments?: CommentFixture[];
}

/**
 * For tests: a conversation document as the import makes it (turns as HTML, highlights as
 * `<mark data-highlight-id>`, the default tags), plus annotation entries as the editor writes them.
 */
export function transcriptDocument(turns: HtmlTurn[], annotations: Record<string, AnnotationFixture> = {}): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, transcriptDocumentFromHtml(turns).state);
  for (const [highlightId, annotation] of Object.entries(annotations)) addAnnotation(doc, highlightId, annotation);
  return doc;
}

export function addAnnotation(doc: Y.Doc, highlightId: string, annotation: AnnotationFixture): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    doc.getMap<Y.Map<unknown>>(documentLayout.annotations).set(highlightId, entry);
    entry.set('tagId', annotation.tagId);
    entry.set('authorId', `author-of-${highlightId}`);
    entry.set('authorName', annotation.authorName ?? 'Ada Lovelace');
    entry.set('createdAt', annotation.createdAt ?? '2025-03-01T09:30:00.000Z');
    const comments = new Y.Array<Y.Map<string>>();
    entry.set('comments', comments);
    for (const [index, comment] of (annotation.comments ?? []).entries()) {
      const item = new Y.Map<string>();
      comments.push([item]);
      item.set('id', `${highlightId}-comment-${index}`);
      item.set('authorId', `author-${comment.authorName}`);
      item.set('authorName', comment.authorName);
      item.set('createdAt', comment.createdAt);
      item.set('text', comment.text);
    }
  });
}

/**
 * For tests: a document with one turn holding one block of `text` exactly as given (no HTML
 * parsing in between), with these Yjs formatting attributes (marks) on all of it.
 */
export function documentWithRawText(text: string, options: { block?: string; attributes?: Record<string, unknown> } = {}): Y.Doc {
  const doc = new Y.Doc();
  const turn = new Y.XmlElement('turn');
  turn.setAttribute('role', 'assistant');
  const block = new Y.XmlElement(options.block ?? 'paragraph');
  const content = new Y.XmlText();
  block.insert(0, [content]);
  turn.insert(0, [block]);
  doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
  content.insert(0, text, options.attributes ?? {});
  return doc;
}

/** For tests: a node as ProseMirror's JSON writes it (`{type: 'text', text, marks}` for text). */
export interface JsonNode {
  type: string;
  attrs?: Record<string, string | number>;
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: JsonNode[];
}

/**
 * For tests: writes `nodes` into a root XML fragment (the `response`, by default) as the
 * editor's binding stores them: an element per node, each run of text one `Y.XmlText` with
 * its marks as formatting attributes.
 */
export function writeRichText(doc: Y.Doc, nodes: JsonNode[], root: string = documentLayout.response): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(root);
    fragment.insert(fragment.length, nodes.filter((node) => node.type !== 'text').map(xmlElement));
  });
}

function xmlElement(node: JsonNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {})) element.setAttribute(key, value as string);
  const children: Array<Y.XmlElement | Y.XmlText> = [];
  // Adjacent text nodes are one Y.XmlText; its length is counted here (a Yjs type not yet in a document cannot be read).
  let textLength = 0;
  for (const child of node.content ?? []) {
    if (child.type !== 'text') {
      children.push(xmlElement(child));
      continue;
    }
    const previous = children.at(-1);
    const text = previous instanceof Y.XmlText ? previous : new Y.XmlText();
    if (text !== previous) {
      children.push(text);
      textLength = 0;
    }
    const attributes = Object.fromEntries((child.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
    text.insert(textLength, child.text ?? '', attributes);
    textLength += (child.text ?? '').length;
  }
  element.insert(0, children);
  return element;
}
