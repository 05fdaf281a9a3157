import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout, turnElement } from './document-layout';
import { documentPlainText } from './document-text';

function turn(role: string, ...paragraphs: Array<Array<string | [string, Record<string, unknown>]>>): Y.XmlElement {
  const element = new Y.XmlElement(turnElement.name);
  element.setAttribute(turnElement.roleAttribute, role);
  element.insert(
    0,
    paragraphs.map((parts) => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      // Not yet in a document, the text reports length 0: count positions ourselves.
      let position = 0;
      for (const part of parts) {
        if (typeof part === 'string') text.insert(position, part);
        else text.insert(position, part[0], part[1]);
        position += typeof part === 'string' ? part.length : part[0].length;
      }
      return paragraph;
    }),
  );
  return element;
}

describe('documentPlainText', () => {
  test('writes each turn as "Role: text", blocks on their own lines, turns apart', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment(documentLayout.content).insert(0, [
      turn('user', ['How do I boil an egg?']),
      turn('assistant', ['Put it in ', ['boiling', { bold: true }], ' water.'], ['Wait nine minutes.']),
      turn('system', ['Be brief.']),
    ]);
    expect(documentPlainText(doc)).toBe('User: How do I boil an egg?\n\nAssistant: Put it in boiling water.\nWait nine minutes.\n\nSystem: Be brief.');
  });

  test('ignores annotations and other root types, and is empty for an empty document', () => {
    const doc = new Y.Doc();
    expect(documentPlainText(doc)).toBe('');
    doc.getMap(documentLayout.annotations).set('h1', new Y.Map());
    doc.getText('elsewhere').insert(0, 'not part of the transcript');
    expect(documentPlainText(doc)).toBe('');
  });

  test('labels a turn with an unknown role neutrally', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment(documentLayout.content).insert(0, [turn('narrator', ['Once upon a time'])]);
    expect(documentPlainText(doc)).toBe('Turn: Once upon a time');
  });
});
