import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument } from '@/lib/annotations/annotation-document';
import { documentContributions } from './document-contributions';
import { documentLayout } from './document-layout';

function paragraphWith(doc: Y.Doc, text: string): Y.XmlText {
  const turn = new Y.XmlElement('turn');
  doc.getXmlFragment(documentLayout.content).push([turn]);
  const paragraph = new Y.XmlElement('paragraph');
  turn.push([paragraph]);
  const node = new Y.XmlText();
  paragraph.push([node]);
  node.insert(0, text);
  return node;
}

describe('documentContributions', () => {
  it('counts each person’s remaining characters by client id, and highlights and comments by author', () => {
    const alice = new Y.Doc();
    const bob = new Y.Doc();
    const node = paragraphWith(alice, 'Hello world');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice));
    const bobsNode = (bob.getXmlFragment(documentLayout.content).get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    (bobsNode.get(0) as Y.XmlText).insert(11, ', says Bob');
    (bobsNode.get(0) as Y.XmlText).delete(0, 6); // Bob deletes "Hello " (Alice's)
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob));
    expect(node.toString()).toBe('world, says Bob');

    const annotations = new AnnotationDocument(alice);
    annotations.createAnnotation('h1', 'tag', { id: 'alice', name: 'Alice' });
    annotations.addComment('h1', 'Nice', { id: 'bob', name: 'Bob' });
    annotations.addComment('h1', 'Thanks', { id: 'alice', name: 'Alice' });
    annotations.addComment('h1', 'Welcome', { id: 'bob', name: 'Bob' });

    const owners = new Map([
      [alice.clientID, 'alice'],
      [bob.clientID, 'bob'],
    ]);
    const counted = documentContributions(alice, owners);
    expect(counted.get('alice')).toEqual({ characters: 5, highlights: 1, comments: 1 });
    expect(counted.get('bob')).toEqual({ characters: 10, highlights: 0, comments: 2 });
  });

  it('counts text of unbound client ids for nobody, and walks a deep document without recursion', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent: Y.XmlElement = new Y.XmlElement('turn');
      doc.getXmlFragment(documentLayout.content).push([parent]);
      for (let level = 0; level < 20_000; level++) {
        const quote = new Y.XmlElement('blockquote');
        parent.push([quote]);
        parent = quote;
      }
      const text = new Y.XmlText();
      parent.push([text]);
      text.insert(0, 'deep');
    });
    expect(documentContributions(doc, new Map()).size).toBe(0);
    expect(documentContributions(doc, new Map([[doc.clientID, 'u']])).get('u')?.characters).toBe(4);
  });
});
