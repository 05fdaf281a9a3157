import type * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { renderBlocks } from './block-markdown';
import { noFootnotes } from './footnote-plan';
import { renderPlainText } from './inline-markdown';
import { formatUtcMinute, headingText, joinMarkdownSections, oneLineText } from './markdown-document';
import { readTranscriptTree } from './transcript-tree';
import { transcriptSections } from './transcript-markdown';

/** A submission's state as the export states it (`not_started` has no workspace to export). */
export type WorkspaceStatus = 'in_progress' | 'submitted' | 'returned';

export interface WorkspaceExportInput {
  /** The workspace conversation's title. */
  title: string;
  /** The workspace's document: transcript, annotations, tags and the `response` root (docs/crdt.md). */
  doc: Y.Doc;
  studentName: string;
  activityTitle: string;
  /** Null while it was never submitted. */
  submittedAt: Date | null;
  status: WorkspaceStatus;
  /** Stated with the submission date when true. */
  late?: boolean;
  /** The grade as the instructor gave it (a number as text, or free text); null for none. */
  grade: string | null;
  /** The activity's maximum for a numeric grade, written as `7 / 10`; null or absent for a free-text grade. */
  gradeOutOf?: number | null;
  /** The instructor's feedback, plain text; '' for none. */
  feedback: string;
  /** Stated in the header when given. */
  exportedAt?: Date;
}

const statusLabels: Record<WorkspaceStatus, string> = { in_progress: 'In progress', submitted: 'Submitted', returned: 'Returned' };

/**
 * A student's workspace as one CommonMark/GFM document: `# title`, a header list (activity,
 * student, status, submission date), the transcript as the conversation export writes it
 * (turns, highlights as footnotes, `## Annotations`), then `## Response` with the student's
 * response, and `## Feedback` with the grade and feedback when there are any.
 */
export function workspaceToMarkdown(input: WorkspaceExportInput): string {
  return joinMarkdownSections([
    `# ${headingText(input.title, 'Untitled workspace')}`,
    renderHeader(input),
    ...transcriptSections(input.doc),
    renderResponse(input.doc),
    renderFeedback(input),
  ]);
}

function renderHeader(input: WorkspaceExportInput): string {
  const submitted = input.submittedAt ? formatUtcMinute(input.submittedAt) : null;
  const exported = input.exportedAt ? formatUtcMinute(input.exportedAt) : null;
  const lines = [
    `- **Activity:** ${oneLineText(input.activityTitle) || 'Untitled activity'}`,
    `- **Student:** ${oneLineText(input.studentName) || 'Unnamed student'}`,
    `- **Status:** ${statusLabels[input.status]}`,
    `- **Submitted:** ${submitted ? `${submitted}${input.late ? ' (late)' : ''}` : 'Not submitted'}`,
  ];
  if (exported) lines.push(`- **Exported:** ${exported}`);
  return lines.join('\n');
}

/** The `response` root: ordinary rich text, written by the same block renderers as a turn's content. */
function renderResponse(doc: Y.Doc): string {
  const body = renderBlocks(readTranscriptTree(doc.getXmlFragment(documentLayout.response)), noFootnotes);
  return `## Response\n\n${body === '' ? '*No response written.*' : body}`;
}

function renderFeedback({ grade, gradeOutOf, feedback }: WorkspaceExportInput): string {
  const gradeText = grade?.trim() ? oneLineText(grade.trim()) : '';
  // Paragraphs at blank lines; a single newline is a hard break within one.
  const feedbackText = feedback
    .split(/(?:\r\n?|\n)[\t ]*(?:\r\n?|\n)\s*/)
    .map((paragraph) => renderPlainText(paragraph, 'paragraph'))
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
  if (gradeText === '' && feedbackText === '') return '';
  const sections = ['## Feedback'];
  if (gradeText !== '') sections.push(`**Grade:** ${gradeText}${gradeOutOf != null ? ` / ${gradeOutOf}` : ''}`);
  if (feedbackText !== '') sections.push(feedbackText);
  return sections.join('\n\n');
}
