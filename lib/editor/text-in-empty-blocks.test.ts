// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { TextInEmptyBlocks } from './text-in-empty-blocks';
import { turnsFromHtml } from '@/lib/testing/html-transcript-document';
import { buildTranscriptDocument } from './transcript-document';
import { transcriptExtensions } from './transcript-extensions';

/**
 * Two editors bound to two copies of one document, as two browsers are, with the network
 * between them replaced by queues delivered when the test says: "at the same moment" is exact.
 * No server and no carets: the scrambling these tests guard against needed neither.
 */
interface Peer {
  doc: Y.Doc;
  editor: Editor;
  outbox: Uint8Array[];
}

const editors: Editor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

function peer(state: Uint8Array, options: { editable?: boolean } = {}): Peer {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  // Listening from the start, as the provider does: what the editor writes on opening goes out too.
  const outbox: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'network') outbox.push(update);
  });
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({
    element,
    editable: options.editable ?? true,
    extensions: [...transcriptExtensions({ history: false }), Collaboration.configure({ document: doc, field: documentLayout.content }), TextInEmptyBlocks],
  });
  editors.push(editor);
  return { doc, editor, outbox };
}

/** Delivers everything sent so far both ways, until nothing more is sent. */
function settle(a: Peer, b: Peer): void {
  for (;;) {
    const fromA = a.outbox.splice(0);
    const fromB = b.outbox.splice(0);
    if (fromA.length + fromB.length === 0) return;
    for (const update of fromA) Y.applyUpdate(b.doc, update, 'network');
    for (const update of fromB) Y.applyUpdate(a.doc, update, 'network');
  }
}

/** Both type their text a character at a time, each character before either hears of the other's. */
function typeAtOnce(a: Peer, b: Peer, textA: string, textB: string): void {
  for (let index = 0; index < Math.max(textA.length, textB.length); index++) {
    if (textA[index]) a.editor.commands.insertContent(textA[index]!);
    if (textB[index]) b.editor.commands.insertContent(textB[index]!);
    settle(a, b);
  }
}

/** The transcript's paragraphs, as text. */
function paragraphs(editor: Editor): string[] {
  const texts: string[] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === 'paragraph') texts.push(node.textContent);
  });
  return texts;
}

function paragraphElements(doc: Y.Doc): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  for (const turn of doc.getXmlFragment(documentLayout.content).toArray()) {
    if (turn instanceof Y.XmlElement) for (const child of turn.toArray()) if (child instanceof Y.XmlElement && child.nodeName === 'paragraph') found.push(child);
  }
  return found;
}

/**
 * An empty conversation as the server made it before it gave empty paragraphs their text (old
 * documents are like this), and one with text; each made once: every peer of a test starts
 * from the same one.
 */
const emptyConversation = (() => {
  const doc = new Y.Doc();
  const turn = new Y.XmlElement('turn');
  turn.setAttribute('role', 'user');
  turn.insert(0, [new Y.XmlElement('paragraph')]);
  doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
  return Y.encodeStateAsUpdate(doc);
})();
const conversation = buildTranscriptDocument(turnsFromHtml([{ role: 'user', html: '<p>How do I boil an egg?</p>' }])).state;

describe('two people typing at once at the same spot', () => {
  it('into the empty paragraph of a new conversation: each one’s text whole and in order', () => {
    const [a, b] = [peer(emptyConversation), peer(emptyConversation)];
    settle(a, b);
    for (const { editor } of [a, b]) editor.commands.setTextSelection(2);
    typeAtOnce(a, b, 'abcdefghij', '0123456789');
    expect(paragraphs(a.editor)).toEqual(paragraphs(b.editor));
    expect([['abcdefghij0123456789'], ['0123456789abcdefghij']]).toContainEqual(paragraphs(a.editor));
  });

  it('into a paragraph one of them just made with Enter', () => {
    const [a, b] = [peer(conversation), peer(conversation)];
    settle(a, b);
    a.editor.commands.setTextSelection(a.editor.state.doc.content.size - 2);
    a.editor.commands.enter();
    settle(a, b);
    const emptyParagraph = a.editor.state.selection.head;
    b.editor.commands.setTextSelection(emptyParagraph);
    typeAtOnce(a, b, 'abcdefghij', '0123456789');
    expect(paragraphs(a.editor)).toEqual(paragraphs(b.editor));
    expect([
      ['How do I boil an egg?', 'abcdefghij0123456789'],
      ['How do I boil an egg?', '0123456789abcdefghij'],
    ]).toContainEqual(paragraphs(a.editor));
  });

  it('at the end of a paragraph with text', () => {
    const [a, b] = [peer(conversation), peer(conversation)];
    settle(a, b);
    for (const { editor } of [a, b]) editor.commands.setTextSelection(editor.state.doc.content.size - 2);
    typeAtOnce(a, b, 'abcdefghij', '0123456789');
    expect(paragraphs(a.editor)).toEqual(paragraphs(b.editor));
    expect([['How do I boil an egg?abcdefghij0123456789'], ['How do I boil an egg?0123456789abcdefghij']]).toContainEqual(paragraphs(a.editor));
  });
});

describe('an empty paragraph always has its text', () => {
  it('one made by Enter gets it in the same update that makes the paragraph', () => {
    const a = peer(conversation);
    a.outbox.splice(0);
    a.editor.commands.setTextSelection(a.editor.state.doc.content.size - 2);
    a.editor.commands.enter();
    expect(a.outbox).toHaveLength(1);
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, conversation);
    Y.applyUpdate(elsewhere, a.outbox[0]!);
    const [, made] = paragraphElements(elsewhere);
    expect(made?.toArray().map((child) => child.constructor)).toEqual([Y.XmlText]);
  });

  it('one the server makes for a new conversation has it from the start', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, buildTranscriptDocument([]).state);
    expect(paragraphElements(doc).map((paragraph) => paragraph.toArray().map((child) => child.constructor))).toEqual([[Y.XmlText]]);
  });

  it('one that came without (an old document) gets it when an editor opens the document', () => {
    const a = peer(emptyConversation);
    expect(paragraphElements(a.doc).map((paragraph) => paragraph.toArray().map((child) => child.constructor))).toEqual([[Y.XmlText]]);
  });

  it('one that arrives from elsewhere without gets it too', () => {
    const a = peer(conversation);
    const server = new Y.Doc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a.doc));
    server.on('update', (update: Uint8Array) => Y.applyUpdate(a.doc, update, 'network'));
    const turn = server.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement;
    turn.insert(turn.length, [new Y.XmlElement('paragraph')]);
    expect(paragraphElements(a.doc).map((paragraph) => paragraph.toArray().map((child) => child.constructor))).toEqual([[Y.XmlText], [Y.XmlText]]);
    expect(paragraphs(a.editor)).toEqual(['How do I boil an egg?', '']);
  });

  it('a read-only editor writes nothing, and gives the text once it may edit', () => {
    const a = peer(emptyConversation, { editable: false });
    expect(a.outbox).toEqual([]);
    expect(paragraphElements(a.doc).map((paragraph) => paragraph.length)).toEqual([0]);
    a.editor.setEditable(true);
    expect(paragraphElements(a.doc).map((paragraph) => paragraph.toArray().map((child) => child.constructor))).toEqual([[Y.XmlText]]);
    expect(a.outbox).toHaveLength(1);
  });

  it('and Enter is still undone in one step', () => {
    const a = peer(conversation);
    a.editor.commands.setTextSelection(a.editor.state.doc.content.size - 2);
    a.editor.commands.enter();
    expect(paragraphs(a.editor)).toEqual(['How do I boil an egg?', '']);
    a.editor.commands.undo();
    expect(paragraphs(a.editor)).toEqual(['How do I boil an egg?']);
  });
});
