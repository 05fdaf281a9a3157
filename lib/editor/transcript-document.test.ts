import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { turnsFromHtml } from '@/lib/testing/html-transcript-document';
import { buildTranscriptDocument } from './transcript-document';

function load(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

describe('buildTranscriptDocument', () => {
  test('makes one turn element per turn, with its role and formatted content', () => {
    const { state, plainText } = buildTranscriptDocument(
      turnsFromHtml([
        { role: 'user', html: '<p>How do I <strong>boil</strong> an egg?</p>' },
        { role: 'assistant', html: '<ol><li><p>Boil water.</p></li><li><p>Wait.</p></li></ol><pre><code class="language-js">eggs++</code></pre>' },
      ]),
    );
    const doc = load(state);
    const turns = doc.getXmlFragment(documentLayout.content).toArray() as Y.XmlElement[];
    expect(turns.map((turn) => [turn.nodeName, turn.getAttribute('role')])).toEqual([
      ['turn', 'user'],
      ['turn', 'assistant'],
    ]);
    expect(turns[0]?.toString()).toContain('<bold>boil</bold>');
    expect(turns[1]?.toString()).toContain('<orderedlist');
    expect(turns[1]?.toString()).toContain('<codeblock language="js">');
    expect(plainText).toBe('User: How do I boil an egg?\n\nAssistant: Boil water.\nWait.\neggs++');
  });

  test('starts an empty conversation with one empty user turn and the default tags', () => {
    const doc = load(buildTranscriptDocument([]).state);
    const turns = doc.getXmlFragment(documentLayout.content).toArray() as Y.XmlElement[];
    expect(turns).toHaveLength(1);
    expect(turns[0]?.getAttribute('role')).toBe('user');
    expect([...doc.getMap(documentLayout.tags).keys()].sort()).toEqual(['effective', 'good-structure', 'hallucination', 'ineffective']);
  });

  test('drops markup the schema does not know, keeping its text', () => {
    const doc = load(buildTranscriptDocument(turnsFromHtml([{ role: 'assistant', html: '<p>Keep <blink>this</blink> text</p>' }])).state);
    expect(doc.getXmlFragment(documentLayout.content).toString()).not.toContain('blink');
    expect(doc.getXmlFragment(documentLayout.content).toString()).toContain('Keep this text');
  });
});
