import PDFDocument from 'pdfkit';
import { documentLayout, turnElement, turnRoleLabels, turnRoles, type TurnRole } from '@/lib/sync/document-layout';
import { calendarDate, readAnnotations } from './annotation-records';
import { noFootnotes, planFootnotes, type Footnote, type FootnotePlan } from './footnote-plan';
import { formatUtcMinute } from './markdown-document';
import { BODY_SIZE, endnoteDestination, pdfText, PdfBlockWriter } from './pdf-blocks';
import { PdfFlow, textStyle, type PdfTextStyle } from './pdf-flow';
import { loadPdfFonts, pdfFontFaces } from './pdf-fonts';
import type { StyledRun } from './pdf-line-layout';
import { readTranscriptTree, type TranscriptNode } from './transcript-tree';
import type { WorkspaceExportInput, WorkspaceStatus } from './workspace-markdown';

export type { WorkspaceExportInput } from './workspace-markdown';

const statusLabels: Record<WorkspaceStatus, string> = { in_progress: 'In progress', submitted: 'Submitted', returned: 'Returned' };
/** Names in the page footer are cut to this many characters, so the footer stays on one line. */
const FOOTER_NAME_CHARACTERS = 40;
const MUTED = '#555555';
/**
 * Characters each part of the PDF draws at most (PdfFlow.beginAllowance). Drawing costs some
 * 10 µs a character, so the largest document the server keeps (6 M characters, and as much
 * again in comments) would take a minute and make a PDF of 2,000 pages; with these the
 * worst export takes seconds. A transcript this long (some 100 pages) is rare; what is left
 * out is said in the PDF, and the Markdown export holds all of it.
 */
export const pdfAllowances = { transcript: 300_000, comments: 150_000, response: 150_000 } as const;

/**
 * A student's workspace as a PDF to hand in: a header (activity, student, submission date
 * or "Not submitted", status), the transcript turn by turn with highlights in their tag's
 * colour and numbered, the comments as numbered endnotes (tag, quoted passage, each
 * comment's author and text), the response, then the grade and feedback when there are
 * any. Text in any script DejaVu Sans covers is drawn in it (see pdf-fonts.ts); right-to-left
 * text is drawn in logical order.
 *
 * Bounded: each part draws at most its allowance (`pdfAllowances`), the layout measures
 * each word once (pdf-line-layout.ts), and the export lets the event loop run every few
 * milliseconds (PdfFlow), so the largest document the server keeps takes seconds and
 * stalls no one else. The document is read when called: it may change or be destroyed
 * while the PDF is written.
 */
export async function workspaceToPdf(input: WorkspaceExportInput): Promise<Buffer> {
  // Everything is read from the document before the first wait, so it may change (or be destroyed) meanwhile.
  const tree = readTranscriptTree(input.doc.getXmlFragment(documentLayout.content));
  const plan = planFootnotes(tree, readAnnotations(input.doc));
  const response = readTranscriptTree(input.doc.getXmlFragment(documentLayout.response));
  const fonts = await loadPdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 56, right: 56 },
    // Never PDFKit's default Helvetica: it holds Latin-1 only, and loads its metrics from files
    // beside PDFKit's code. PDFKit takes a font's bytes here as in `registerFont` (its typings say a path).
    font: fonts.regular as unknown as string,
    info: {
      Title: pdfText(`${input.activityTitle} — ${input.studentName}`),
      Author: pdfText(input.studentName),
      Subject: pdfText(input.title),
      Creator: 'Grimoire',
      CreationDate: input.exportedAt ?? new Date(),
    },
    displayTitle: true,
    // PDFKit would keep every distinct word's shaping for the document's life: hundreds of MB for a long transcript.
    fontLayoutCache: false,
    lang: 'en',
  });
  for (const face of pdfFontFaces) doc.registerFont(face, fonts[face]);
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const flow = new PdfFlow(doc, `${shortName(input.studentName)} — ${shortName(input.activityTitle)}`);
  await writeHeader(flow, input);
  await withinAllowance(flow, pdfAllowances.transcript, 'transcript', () => writeTranscript(flow, tree, plan));
  await withinAllowance(flow, pdfAllowances.comments, 'comments', () => writeEndnotes(flow, plan.footnotes));
  await withinAllowance(flow, pdfAllowances.response, 'response', () => writeResponse(flow, response));
  await writeFeedback(flow, input);
  doc.end();
  return finished;
}

async function writeHeader(flow: PdfFlow, input: WorkspaceExportInput): Promise<void> {
  await heading(flow, input.activityTitle.trim() || 'Untitled activity', 18);
  const submitted = input.submittedAt ? formatUtcMinute(input.submittedAt) : null;
  const exported = input.exportedAt ? formatUtcMinute(input.exportedAt) : null;
  const rows: Array<[string, string]> = [
    ['Student', input.studentName.trim() || 'Unnamed student'],
    ['Workspace', input.title.trim() || 'Untitled workspace'],
    ['Submitted', submitted ? `${submitted}${input.late ? ' (late)' : ''}` : 'Not submitted'],
    ['Status', statusLabels[input.status]],
  ];
  if (exported) rows.push(['Exported', exported]);
  for (const [label, value] of rows) await labelled(flow, label, value);
  flow.rule();
  flow.gap(6);
}

async function writeTranscript(flow: PdfFlow, tree: TranscriptNode[], plan: FootnotePlan): Promise<void> {
  const blocks = new PdfBlockWriter(flow, plan);
  await heading(flow, 'Transcript', 15);
  if (tree.length === 0) await note(flow, 'The transcript is empty.');
  for (const node of tree) {
    if (node.kind === 'element' && node.type === turnElement.name) {
      const role = node.attrs[turnElement.roleAttribute];
      flow.gap(4);
      flow.keepSpace(BODY_SIZE * 4);
      await flow.paragraph([[{ text: turnRoles.includes(role as TurnRole) ? turnRoleLabels[role as TurnRole] : 'Turn', style: textStyle({ face: 'bold', size: 11.5, color: '#7c2d12' }) }]], {
        indent: 0,
        size: 11.5,
      });
      flow.gap(2);
      await blocks.blocks(node.content);
    } else {
      // Blocks outside any turn (the editor never writes them): kept, where they stand.
      await blocks.blocks([node]);
    }
  }
}

/** One endnote per highlight: its number, tag and quoted passage, who highlighted it, then each comment. */
async function writeEndnotes(flow: PdfFlow, footnotes: Footnote[]): Promise<void> {
  if (footnotes.length === 0) return;
  flow.gap(10);
  await heading(flow, 'Comments', 15);
  for (const { number, annotation, excerpt } of footnotes) {
    flow.keepSpace(BODY_SIZE * 4);
    const body = textStyle({ face: 'regular', size: BODY_SIZE });
    await flow.paragraph(
      [
        [
          { text: `${number}. `, style: textStyle({ face: 'bold', size: BODY_SIZE, destination: endnoteDestination(number) }) },
          { text: pdfText(annotation.tagName), style: textStyle({ face: 'bold', size: BODY_SIZE }) },
          { text: ` — “${pdfText(excerpt)}”`, style: body },
        ],
        [{ text: `Highlighted by ${pdfText(annotation.authorName)}${dateSuffix(annotation.createdAt)}`, style: textStyle({ face: 'italic', size: 9, color: MUTED }) }],
      ],
      { indent: 0, size: BODY_SIZE },
    );
    for (const comment of annotation.comments) {
      const lines: Array<Array<StyledRun<PdfTextStyle>>> = comment.text.split(/\r\n?|\n/).map((line) => [{ text: pdfText(line), style: body }]);
      lines[0]?.unshift({ text: `${pdfText(comment.authorName)}${dateSuffix(comment.createdAt)}: `, style: textStyle({ face: 'bold', size: BODY_SIZE }) });
      await flow.paragraph(lines, { indent: 18, size: BODY_SIZE });
    }
    flow.gap(6);
  }
}

async function writeResponse(flow: PdfFlow, response: TranscriptNode[]): Promise<void> {
  flow.gap(10);
  await heading(flow, 'Response', 15);
  if (!hasText(response)) await note(flow, 'No response written.');
  else await new PdfBlockWriter(flow, noFootnotes).blocks(response);
}

async function writeFeedback(flow: PdfFlow, { grade, gradeOutOf, feedback }: WorkspaceExportInput): Promise<void> {
  const gradeText = grade?.trim() ?? '';
  if (gradeText === '' && feedback.trim() === '') return;
  flow.gap(10);
  await heading(flow, 'Feedback', 15);
  if (gradeText !== '') await labelled(flow, 'Grade', `${gradeText}${gradeOutOf != null ? ` / ${gradeOutOf}` : ''}`);
  const body = textStyle({ face: 'regular', size: BODY_SIZE });
  for (const paragraph of feedback.split(/(?:\r\n?|\n)[\t ]*(?:\r\n?|\n)\s*/)) {
    if (paragraph.trim() === '') continue;
    await flow.paragraph(
      paragraph.split(/\r\n?|\n/).map((line) => [{ text: pdfText(line), style: body }]),
      { indent: 0, size: BODY_SIZE },
    );
    flow.gap(BODY_SIZE * 0.5);
  }
}

/** Writes a part within its allowance, then says what was left out, if anything. */
async function withinAllowance(flow: PdfFlow, characters: number, part: string, write: () => Promise<void>): Promise<void> {
  flow.beginAllowance(characters);
  await write();
  const leftOut = flow.endAllowance();
  if (leftOut > 0) {
    await note(flow, `The ${part} continues for ${leftOut.toLocaleString('en-US')} more characters, left out of this PDF; the Markdown export holds all of it.`);
  }
}

async function heading(flow: PdfFlow, text: string, size: number): Promise<void> {
  flow.keepSpace(size * 4);
  await flow.paragraph([[{ text: pdfText(text.replace(/\s+/g, ' ')), style: textStyle({ face: 'bold', size }) }]], { indent: 0, size });
  flow.gap(size * 0.4);
}

async function labelled(flow: PdfFlow, label: string, value: string): Promise<void> {
  await flow.paragraph(
    [
      [
        { text: `${label}: `, style: textStyle({ face: 'bold', size: BODY_SIZE }) },
        { text: pdfText(value.replace(/\s+/g, ' ')), style: textStyle({ face: 'regular', size: BODY_SIZE }) },
      ],
    ],
    { indent: 0, size: BODY_SIZE },
  );
}

async function note(flow: PdfFlow, text: string): Promise<void> {
  await flow.paragraph([[{ text, style: textStyle({ face: 'italic', size: BODY_SIZE, color: MUTED }) }]], { indent: 0, size: BODY_SIZE });
}

/** ` (2025-03-01)`, or nothing when the record's date is not one. */
function dateSuffix(iso: string | null): string {
  const date = calendarDate(iso);
  return date ? ` (${date})` : '';
}

/** Whether any text is left in the tree (the editor keeps an empty paragraph in an empty response). */
function hasText(nodes: TranscriptNode[]): boolean {
  const pending = [...nodes];
  while (pending.length > 0) {
    const node = pending.pop() as TranscriptNode;
    if (node.kind === 'text') {
      if (node.text.trim() !== '') return true;
    } else pending.push(...node.content);
  }
  return false;
}

function shortName(text: string): string {
  const characters = Array.from(pdfText(text.replace(/\s+/g, ' ').trim()));
  return characters.length <= FOOTER_NAME_CHARACTERS ? characters.join('') : `${characters.slice(0, FOOTER_NAME_CHARACTERS - 1).join('')}…`;
}
