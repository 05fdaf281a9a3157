import { getSchema } from '@tiptap/core';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { transcriptDocumentFrom } from '@/lib/editor/transcript-document';
import { transcriptExtensions } from '@/lib/editor/transcript-extensions';
import { documentLayout } from '@/lib/sync/document-layout';
import { frozenTextRuleBroken, isHighlightKey } from './frozen-text-rule';
import { placeUpdate } from './update-placement';

const schema = getSchema(transcriptExtensions());

/** A transcript of two turns, as the editor makes it: "Hello there, world." (user) and "Four." (assistant). */
function transcript(): ProseMirrorNode {
  const turn = (role: string, text: string) => schema.nodes.turn!.create({ role }, schema.nodes.paragraph!.create(null, schema.text(text)));
  return schema.nodes.doc!.create(null, [turn('user', 'Hello there, world.'), turn('assistant', 'Four.')]);
}

/** The server's document and a client's copy in sync with it. */
function inSync(content = transcript()): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  Y.applyUpdate(server, transcriptDocumentFrom(schema, content).state);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What the editor binding writes when the editor's document becomes `change(current)`: the update it produces. */
function editorChange(client: Y.Doc, change: (tr: Transform) => void): Uint8Array {
  const fragment = client.getXmlFragment(documentLayout.content);
  const current = yXmlFragmentToProseMirrorRootNode(fragment, schema);
  const tr = new Transform(current);
  change(tr);
  return captured(client, () => updateYFragment(client, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() } as never));
}

function captured(doc: Y.Doc, make: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (update: Uint8Array) => updates.push(update);
  doc.on('update', record);
  doc.transact(make);
  doc.off('update', record);
  return Y.mergeUpdates(updates);
}

/** Whether the rule lets `update` through on `server` (and, if it does, applies it there). */
function passes(server: Y.Doc, update: Uint8Array): boolean {
  const broken = frozenTextRuleBroken(server, update, placeUpdate(server, Y.decodeUpdate(update)));
  if (broken === null) Y.applyUpdate(server, update);
  return broken === null;
}

const highlight = (highlightId: string): Mark => schema.marks.highlight!.create({ highlightId });

describe('frozenTextRuleBroken: what the editor writes', () => {
  test('adding a highlight, a second one overlapping it, and removing both pass, and leave the text as it was', () => {
    const { server, client } = inSync();
    const text = () => server.getXmlFragment(documentLayout.content).toString();
    const before = yXmlFragmentToProseMirrorRootNode(server.getXmlFragment(documentLayout.content), schema).textContent;
    expect(passes(server, editorChange(client, (tr) => tr.addMark(3, 10, highlight('h1'))))).toBe(true);
    expect(passes(server, editorChange(client, (tr) => tr.addMark(6, 16, highlight('h2'))))).toBe(true);
    expect(text()).toContain('highlight--');
    expect(passes(server, editorChange(client, (tr) => tr.removeMark(3, 10, highlight('h1'))))).toBe(true);
    expect(passes(server, editorChange(client, (tr) => tr.removeMark(6, 16, highlight('h2'))))).toBe(true);
    const after = yXmlFragmentToProseMirrorRootNode(server.getXmlFragment(documentLayout.content), schema);
    expect(after.textContent).toBe(before);
    let marks = 0;
    after.descendants((node) => void (marks += node.marks.length));
    expect(marks).toBe(0);
  });

  test('a highlight across two turns, and one over bold text, pass', () => {
    const { server, client } = inSync();
    const bold = schema.marks.bold!.create();
    // Bold as the instructor wrote it (a writer who may change the text), then the student's highlights over it.
    const instructor = new Y.Doc();
    Y.applyUpdate(instructor, Y.encodeStateAsUpdate(server));
    const withBold = editorChange(instructor, (tr) => tr.addMark(4, 12, bold));
    Y.applyUpdate(server, withBold);
    Y.applyUpdate(client, withBold);
    expect(passes(server, editorChange(client, (tr) => tr.addMark(2, 8, highlight('h1'))))).toBe(true);
    expect(passes(server, editorChange(client, (tr) => tr.addMark(10, 27, highlight('h2'))))).toBe(true);
    expect(passes(server, editorChange(client, (tr) => tr.removeMark(2, 8, highlight('h1'))))).toBe(true);
  });

  test('typing, deleting a character, changing a turn’s role, bold, and a new paragraph are refused', () => {
    const { server, client } = inSync();
    const refused = (change: (tr: Transform) => void) => {
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(client));
      return !passes(server, editorChange(probe, change));
    };
    expect(refused((tr) => tr.insert(5, schema.text('x')))).toBe(true);
    expect(refused((tr) => tr.delete(5, 6))).toBe(true);
    expect(refused((tr) => tr.setNodeMarkup(0, undefined, { role: 'assistant' }))).toBe(true);
    expect(refused((tr) => tr.addMark(3, 10, schema.marks.bold!.create()))).toBe(true);
    expect(refused((tr) => tr.split(8))).toBe(true);
    // A highlight and a typed character in one update: refused whole.
    expect(refused((tr) => tr.addMark(3, 10, highlight('h1')).insert(12, schema.text('x')))).toBe(true);
  });
});

describe('frozenTextRuleBroken: what a modified client could send', () => {
  const textOf = (doc: Y.Doc) => (doc.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
  const xmlTextOf = (doc: Y.Doc) => textOf(doc).get(0) as Y.XmlText;

  test('a highlight written by `XmlText.format` passes; any other key or a value that is no highlight’s is refused', () => {
    const { server, client } = inSync();
    expect(passes(server, captured(client, () => xmlTextOf(client).format(0, 5, { highlight: { highlightId: 'h1' } })))).toBe(true);
    for (const attributes of [{ bold: {} }, { link: { href: 'https://example.com' } }, { highlight: { highlightId: 'h2', onclick: 'x' } }, { highlight: 'h3' }]) {
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(client));
      expect(passes(server, captured(probe, () => xmlTextOf(probe).format(6, 3, attributes)))).toBe(false);
    }
  });

  test('the response, an element attribute and another root are refused', () => {
    const { server, client } = inSync();
    const attempts: Array<(doc: Y.Doc) => void> = [
      (doc) => doc.getXmlFragment(documentLayout.response).insert(0, [new Y.XmlText('mine')]),
      (doc) => textOf(doc).setAttribute('class', 'x'),
      (doc) => (doc.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement).setAttribute('role', 'system'),
      (doc) => doc.getText('elsewhere').insert(0, 'x'),
      (doc) => doc.getXmlFragment(documentLayout.content).delete(1, 1),
    ];
    for (const attempt of attempts) {
      const probe = new Y.Doc();
      Y.applyUpdate(probe, Y.encodeStateAsUpdate(client));
      expect(passes(server, captured(probe, () => attempt(probe)))).toBe(false);
    }
  });

  test('deleting the start of a bold mark (a formatting item of another key) is refused', () => {
    const { server, client } = inSync();
    Y.applyUpdate(server, captured(client, () => xmlTextOf(client).format(0, 5, { bold: {} })));
    let start: Y.Item | null = xmlTextOf(client)._start;
    while (start && !(start.content instanceof Y.ContentFormat)) start = start.right;
    expect((start!.content as Y.ContentFormat).key).toBe('bold');
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    client.transact((transaction) => start!.delete(transaction));
    expect(updates).toHaveLength(1);
    expect(passes(server, updates[0]!)).toBe(false);
  });

  test('a highlight key is `highlight` or the binding’s hashed name of it', () => {
    expect(isHighlightKey('highlight')).toBe(true);
    expect(isHighlightKey('highlight--AbCd12+/')).toBe(true);
    expect(isHighlightKey('highlighter')).toBe(false);
    expect(isHighlightKey('bold')).toBe(false);
    expect(isHighlightKey('highlight--toolongtobeahash')).toBe(false);
  });
});
