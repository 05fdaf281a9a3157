import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from './document-layout';
import { paragraph } from '@/lib/testing/document-builders';
import { measureResponse, measureTranscript } from './transcript-extent';

describe('measureTranscript', () => {
  test('counts elements and text nodes, depth from the turn (1) to the text (3), and the characters', () => {
    const doc = new Y.Doc();
    const turn = new Y.XmlElement('turn');
    doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
    turn.insert(0, [paragraph('Hello'), paragraph('world!')]);
    doc.getText('elsewhere').insert(0, 'not counted');
    expect(measureTranscript(doc)).toEqual({ depth: 3, elements: 5, textCharacters: 11 });
  });

  test('an empty document measures nothing', () => {
    expect(measureTranscript(new Y.Doc())).toEqual({ depth: 0, elements: 0, textCharacters: 0 });
  });

  test('20,000 nested blockquotes are measured without running out of stack', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent = new Y.XmlElement('turn');
      doc.getXmlFragment(documentLayout.content).insert(0, [parent]);
      for (let level = 0; level < 20_000; level++) {
        const quote = new Y.XmlElement('blockquote');
        parent.insert(0, [quote]);
        parent = quote;
      }
      parent.insert(0, [paragraph('deep')]);
    });
    expect(measureTranscript(doc)).toEqual({ depth: 20_003, elements: 20_003, textCharacters: 4 });
  });

  test('the response is measured on its own, a paragraph at depth 1, and not as part of the transcript', () => {
    const doc = new Y.Doc();
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    doc.getXmlFragment(documentLayout.response).insert(0, [paragraph('Intro'), list]);
    list.insert(0, [item]);
    item.insert(0, [paragraph('point')]);
    expect(measureResponse(doc)).toEqual({ depth: 4, elements: 6, textCharacters: 10 });
    expect(measureTranscript(doc)).toEqual({ depth: 0, elements: 0, textCharacters: 0 });
  });
});
