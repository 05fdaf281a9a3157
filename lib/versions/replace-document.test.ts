import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { replaceDocument } from './replace-document';

/** A transcript with two turns, marks, an attribute, a highlight with a comment and two tags. */
function richDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const content = doc.getXmlFragment(documentLayout.content);
    for (const [role, words] of [
      ['user', 'What is a CRDT?'],
      ['assistant', 'A data type that merges without conflicts.'],
    ] as const) {
      const turn = new Y.XmlElement('turn');
      turn.setAttribute('role', role);
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      turn.insert(0, [paragraph]);
      content.insert(content.length, [turn]);
      text.insert(0, words);
      text.format(0, 4, { bold: true });
      text.format(2, 6, { highlight: { id: 'h1' } });
    }
    const comment = new Y.Map<unknown>();
    comment.set('authorId', 'u1');
    comment.set('body', 'Good question');
    const comments = new Y.Array<Y.Map<unknown>>();
    comments.insert(0, [comment]);
    const highlight = new Y.Map<unknown>();
    highlight.set('tagId', 't1');
    highlight.set('authorId', 'u1');
    highlight.set('comments', comments);
    doc.getMap(documentLayout.annotations).set('h1', highlight);
    for (const [id, name, color] of [
      ['t1', 'Evidence', 'blue'],
      ['t2', 'Claim', 'red'],
    ]) {
      const tag = new Y.Map<unknown>();
      tag.set('name', name);
      tag.set('color', color);
      doc.getMap(documentLayout.tags).set(id!, tag);
    }
    doc.getMap('extra').set('counter', 3);
    doc.getArray('log').insert(0, ['one', { two: 2 }]);
    doc.getText('notes').insert(0, 'plain notes');
  });
  return doc;
}

/** Everything a reader can see of a document: every root, marks included. */
function visibleState(doc: Y.Doc) {
  return {
    content: doc.getXmlFragment(documentLayout.content).toString(),
    contentJson: doc.getXmlFragment(documentLayout.content).toJSON(),
    deltas: doc
      .getXmlFragment(documentLayout.content)
      .toArray()
      .flatMap((turn) => (turn as Y.XmlElement).toArray().flatMap((paragraph) => (paragraph as Y.XmlElement).toArray().map((text) => (text as Y.XmlText).toDelta()))),
    annotations: doc.getMap(documentLayout.annotations).toJSON(),
    tags: doc.getMap(documentLayout.tags).toJSON(),
    extra: doc.getMap('extra').toJSON(),
    log: doc.getArray('log').toJSON(),
    notes: doc.getText('notes').toDelta(),
  };
}

/** A copy of `doc` as it would arrive from storage: its roots not yet read as anything. */
function loaded(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function wipe(doc: Y.Doc): void {
  doc.transact(() => {
    const content = doc.getXmlFragment(documentLayout.content);
    content.delete(0, content.length);
    for (const name of [documentLayout.annotations, documentLayout.tags, 'extra']) {
      const map = doc.getMap(name);
      for (const key of [...map.keys()]) map.delete(key);
    }
    doc.getArray('log').delete(0, doc.getArray('log').length);
    doc.getText('notes').delete(0, doc.getText('notes').length);
  });
}

function restore(live: Y.Doc, target: Y.Doc): void {
  live.transact(() => replaceDocument(live, target));
}

describe('replaceDocument', () => {
  test('brings a wiped document back to a rich one, every root', () => {
    const rich = richDocument();
    const target = loaded(rich);
    const live = loaded(rich);
    wipe(live);
    expect(live.getXmlFragment(documentLayout.content).length).toBe(0);
    restore(live, target);
    expect(visibleState(live)).toEqual(visibleState(rich));
    expect(visibleState(live).deltas[0]).toEqual([
      { insert: 'Wh', attributes: { bold: true } },
      { insert: 'at', attributes: { bold: true, highlight: { id: 'h1' } } },
      { insert: ' is ', attributes: { highlight: { id: 'h1' } } },
      { insert: 'a CRDT?' },
    ]);
  });

  test('wipes a rich document when the target is empty', () => {
    const live = richDocument();
    const empty = new Y.Doc();
    restore(live, empty);
    expect(visibleState(live)).toEqual({
      content: '',
      contentJson: '',
      deltas: [],
      annotations: {},
      tags: {},
      extra: {},
      log: [],
      notes: [],
    });
  });

  test('undoes edits made since: text, attributes, comments, renamed and added tags', () => {
    const rich = richDocument();
    const target = loaded(rich);
    const live = loaded(rich);
    live.transact(() => {
      const turn = live.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement;
      turn.setAttribute('role', 'system');
      turn.setAttribute('added', 'yes');
      ((turn.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, 'XYZ', { italic: true });
      const highlight = live.getMap<Y.Map<unknown>>(documentLayout.annotations).get('h1')!;
      ((highlight.get('comments') as Y.Array<Y.Map<unknown>>).get(0)).set('body', 'Grade: F');
      live.getMap<Y.Map<unknown>>(documentLayout.tags).get('t1')!.set('name', 'Renamed');
      const added = new Y.Map<unknown>();
      added.set('name', 'New');
      live.getMap(documentLayout.tags).set('t3', added);
      live.getMap('other').set('new root', true);
    });
    restore(live, target);
    expect(visibleState(live)).toEqual(visibleState(rich));
    expect(live.getMap('other').toJSON()).toEqual({});
  });

  test('leaves equal map entries untouched', () => {
    const rich = richDocument();
    const live = loaded(rich);
    const before = live.getMap<Y.Map<unknown>>(documentLayout.tags).get('t2');
    live.getMap<Y.Map<unknown>>(documentLayout.tags).get('t1')!.set('color', 'green');
    restore(live, loaded(rich));
    expect(live.getMap<Y.Map<unknown>>(documentLayout.tags).get('t2')).toBe(before);
    expect(live.getMap(documentLayout.tags).toJSON()).toEqual(rich.getMap(documentLayout.tags).toJSON());
  });

  test('syncs to a third document as one change, and merges with a concurrent edit', () => {
    const rich = richDocument();
    const live = loaded(rich);
    const reader = loaded(rich);
    wipe(live);
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(live));
    expect(reader.getXmlFragment(documentLayout.content).length).toBe(0);

    const changes: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => changes.push(update));
    restore(live, loaded(rich));
    expect(changes).toHaveLength(1);
    Y.applyUpdate(reader, changes[0]!);
    expect(visibleState(reader)).toEqual(visibleState(rich));

    // A fresh document from the whole state agrees too.
    expect(visibleState(loaded(live))).toEqual(visibleState(rich));
  });

  test('works on a live document whose roots were never read as types', () => {
    const rich = richDocument();
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(rich));
    const wiped = loaded(rich);
    wipe(wiped);
    Y.applyUpdate(live, Y.encodeStateAsUpdate(wiped));
    restore(live, loaded(rich));
    expect(visibleState(live)).toEqual(visibleState(rich));
  });
});
