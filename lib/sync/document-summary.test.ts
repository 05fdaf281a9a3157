import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAnnotation, transcriptDocument } from '@/lib/export/test-documents';
import { paragraph } from '@/lib/testing/document-builders';
import { documentLayout } from './document-layout';
import { limits } from '@/lib/limits';
import { documentSummary } from './document-summary';

const comment = (text: string) => ({ authorName: 'Ada', createdAt: '2026-01-01T00:00:00.000Z', text });

/** A transcript with two highlights (h1 with two comments, h2 with one) and an annotation record whose mark is gone (h3). */
function annotatedDocument(): Y.Doc {
  const doc = transcriptDocument(
    [
      { role: 'user', html: '<p>Is <mark data-highlight-id="h1">the earth flat</mark>?</p>' },
      { role: 'assistant', html: '<p>No. <mark data-highlight-id="h2">It is round</mark>, and <mark data-highlight-id="h1">so on</mark>.</p>' },
    ],
    {
      h1: { tagId: 'claim', comments: [comment('Why ask?'), comment('Fair.')] },
      h2: { tagId: 'evidence', comments: [comment('Source?')] },
      h3: { tagId: 'claim', comments: [comment('Orphaned.')] },
    },
  );
  return doc;
}

describe('documentSummary', () => {
  it('counts highlights still in the text, and their comments; a record without a mark does not count', () => {
    const summary = documentSummary(annotatedDocument(), () => undefined);
    expect(summary).toMatchObject({ highlightCount: 2, commentCount: 3, responseWords: 0, authorCharacters: {} });
  });

  it('a highlight whose text was deleted no longer counts, nor its comments', () => {
    const doc = annotatedDocument();
    // The assistant turn's paragraph: "No. It is round, and so on." Delete "It is round" (h2's only text).
    const turn = doc.getXmlFragment(documentLayout.content).get(1) as Y.XmlElement;
    const text = (turn.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const start = text.toString().replace(/<[^>]+>/g, '').indexOf('It is round');
    text.delete(start, 'It is round'.length);
    expect(documentSummary(doc, () => undefined)).toMatchObject({ highlightCount: 1, commentCount: 2 });
  });

  it('counts each user’s characters in the transcript and the response by the client ids bound to them, and the response’s words', () => {
    const doc = annotatedDocument();
    // Everything so far (the built transcript, the annotations) was written by the teacher's clients.
    const teacherClients = [...doc.store.clients.keys()];
    const student = new Y.Doc();
    Y.applyUpdate(student, Y.encodeStateAsUpdate(doc));
    student.getXmlFragment(documentLayout.response).insert(0, [paragraph('Flat-earth claims fail.'), paragraph('Two paragraphs here.')]);
    addAnnotation(student, 'h4', { tagId: 'claim' });
    const owners = new Map([...teacherClients.map((clientId) => [clientId, 'teacher'] as const), [student.clientID, 'student'] as const]);
    const summary = documentSummary(student, (clientId) => owners.get(clientId));
    const transcriptCharacters = 'Is the earth flat?'.length + 'No. It is round, and so on.'.length;
    expect(summary.authorCharacters).toEqual({ teacher: transcriptCharacters, student: 'Flat-earth claims fail.'.length + 'Two paragraphs here.'.length });
    expect(summary.responseWords).toBe(6);
    // h4 has no mark in the text: not a live highlight.
    expect(summary.highlightCount).toBe(2);
  });

  it('handles a highlight mark written under the overlapping-marks key, and a document nested deep, without recursion', () => {
    const doc = new Y.Doc();
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(documentLayout.content);
    for (let depth = 0; depth < 2_000; depth++) {
      const child = new Y.XmlElement('blockquote');
      parent.insert(0, [child]);
      parent = child;
    }
    const text = new Y.XmlText();
    parent.insert(0, [text]);
    text.insert(0, 'deep', { 'highlight--AbCd1234': { highlightId: 'deep' } });
    addAnnotation(doc, 'deep', { tagId: 'claim', comments: [comment('Deep.')] });
    expect(documentSummary(doc, () => undefined)).toMatchObject({ highlightCount: 1, commentCount: 1 });
  });

  it('gives search the tag names and comments of the live highlights, one to a line, bounded', () => {
    const doc = annotatedDocument();
    const tags = doc.getMap<Y.Map<unknown>>(documentLayout.tags);
    for (const [id, name] of [['claim', 'Bold claim'], ['evidence', 'Evidence']] as const) {
      const tag = new Y.Map<unknown>();
      tags.set(id, tag);
      tag.set('name', name);
    }
    // h3's mark is gone: its comment is not searched. A tag no highlight uses is not either.
    const lines = documentSummary(doc, () => undefined).annotationText.split('\n');
    // The tag names first, then the comments.
    expect(new Set(lines.slice(0, 2))).toEqual(new Set(['Bold claim', 'Evidence']));
    expect(new Set(lines.slice(2))).toEqual(new Set(['Why ask?', 'Fair.', 'Source?']));

    addAnnotation(doc, 'h1', { tagId: 'claim', comments: Array.from({ length: 30 }, (_, index) => comment(`${index} ${'long '.repeat(200)}`)) });
    const bounded = documentSummary(doc, () => undefined).annotationText;
    expect(bounded.length).toBe(limits.document.annotationSearchCharacters);
    expect(bounded.split('\n').slice(0, 2).sort()).toEqual(['Bold claim', 'Evidence']);
    expect(bounded).toContain('\n0 long long');
  });
});
