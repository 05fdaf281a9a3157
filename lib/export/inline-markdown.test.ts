import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { addAnnotation } from './test-documents';
import { conversationToMarkdown } from './transcript-markdown';

/** A document with one paragraph made of these runs of text, each with its Yjs formatting attributes. */
function paragraphOf(runs: Array<[string, Record<string, unknown>?]>): Y.Doc {
  const doc = new Y.Doc();
  const turn = new Y.XmlElement('turn');
  turn.setAttribute('role', 'user');
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  turn.insert(0, [paragraph]);
  doc.getXmlFragment(documentLayout.content).insert(0, [turn]);
  let position = 0;
  for (const [content, attributes] of runs) {
    text.insert(position, content, attributes ?? {});
    position += content.length;
  }
  return doc;
}

function body(doc: Y.Doc): string {
  return conversationToMarkdown({ title: 'T', doc }).split('## User\n\n')[1]?.split('\n\n## ')[0]?.trimEnd() ?? '';
}

const link = (href: string) => ({ link: { href } });
/** y-prosemirror keys each overlapping mark by its name and a hash of its attributes. */
const highlight = (id: string, hash = id.padEnd(8, 'x').slice(0, 8)) => ({ [`highlight--${hash}`]: { highlightId: id } });

describe('inline Markdown', () => {
  test('`!` before a link and `^` before a link or footnote reference are escaped (image, inline footnote)', () => {
    // (A highlight on trailing whitespace keeps its footnote reference right after the `^`.)
    const doc = paragraphOf([['wow!'], ['link', link('https://example.com')], [' x^'], [' ', highlight('h')]]);
    addAnnotation(doc, 'h', { tagId: 'effective' });
    expect(body(doc)).toBe('wow\\![link](https://example.com) x\\^[^1]');
  });

  test('link text starting with `^` is not taken for a footnote reference', () => {
    expect(body(paragraphOf([['^1', link('https://example.com')]]))).toBe('[\\^1](https://example.com)');
  });

  test('text after a footnote reference starting with `(` or `:` is escaped', () => {
    const doc = paragraphOf([['word', highlight('h')], ['(aside)'], [' and '], ['x', highlight('g')], [': colon']]);
    addAnnotation(doc, 'h', { tagId: 'effective' });
    addAnnotation(doc, 'g', { tagId: 'effective' });
    expect(body(doc)).toBe('==word==[^1]\\(aside) and ==x==[^2]\\: colon');
  });

  test('two code spans side by side become one, so their backticks do not run together', () => {
    const doc = paragraphOf([['a`', { code: {}, ...highlight('h') }], ['b', { code: {}, ...highlight('h'), ...highlight('g') }]]);
    addAnnotation(doc, 'h', { tagId: 'effective' });
    addAnnotation(doc, 'g', { tagId: 'effective' });
    expect(body(doc)).toBe('==``a`b``==[^1][^2]');
  });

  test('a line that would read as a link reference definition keeps its link as HTML', () => {
    expect(body(paragraphOf([[']:', { code: {}, ...link('https://example.com/?a=1&b="2"') }]]))).toBe(
      '<a href="https://example.com/?a=1&amp;b=&quot;2&quot;">`]:`</a>',
    );
  });

  test('a link split by a mark stays one link; different links stay apart', () => {
    expect(body(paragraphOf([['one ', link('https://a.example')], ['two', { ...link('https://a.example'), bold: {} }], ['three', link('https://b.example')]]))).toBe(
      '[one **two**](https://a.example)[three](https://b.example)',
    );
  });

  test('`*` runs that CommonMark would pair differently fall back to HTML (rule of 3, a closer taken for an opener)', () => {
    // `*a*` then `**b**` side by side: the `***` between them still closes and opens as meant.
    expect(body(paragraphOf([['a', { italic: {} }], ['b', { bold: {} }]]))).toBe('*a***b**');
    // An italic opening between punctuation inside bold would close the bold instead.
    expect(body(paragraphOf([['"x"', { bold: {} }], ['"y"', { bold: {}, italic: {} }], ['"z"', { bold: {} }]]))).toMatch(/<em>"y"<\/em>/);
  });

  test('marks on whitespace alone are dropped', () => {
    expect(body(paragraphOf([['a'], ['   ', { bold: {}, italic: {}, strike: {} }], ['b']]))).toBe('a   b');
    const doc = paragraphOf([['a '], [' ', highlight('h')], [' b']]);
    addAnnotation(doc, 'h', { tagId: 'effective' });
    expect(body(doc)).toBe('a  [^1] b');
  });

  test('every mark on one run of text', () => {
    const doc = paragraphOf([['all', { bold: {}, italic: {}, strike: {}, ...link('https://example.com'), ...highlight('h') }]]);
    addAnnotation(doc, 'h', { tagId: 'effective' });
    expect(body(doc)).toBe('[***~~==all==~~***](https://example.com)[^1]');
  });

  test('code text keeps its spaces, padded so CommonMark does not strip them', () => {
    expect(body(paragraphOf([['x'], [' two ', { code: {} }], ['y']]))).toBe('x`  two  `y');
  });
});
