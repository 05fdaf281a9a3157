import type * as Y from 'yjs';
import { documentLayout, turnElement, turnRoleLabels, turnRoles, type TurnRole } from '@/lib/sync/document-layout';
import { readAnnotations } from './annotation-records';
import { renderAnnotationsSection } from './annotations-section';
import { renderBlocks } from './block-markdown';
import { planFootnotes, type FootnotePlan } from './footnote-plan';
import { renderPlainText } from './inline-markdown';
import { readTranscriptTree, type TranscriptNode } from './transcript-tree';

export interface ConversationMarkdownInput {
  title: string;
  /** The conversation's document (layout in docs/crdt.md). */
  doc: Y.Doc;
  /** Stated under the title when given; the output is otherwise a function of the document alone. */
  exportedAt?: Date;
}

/**
 * A conversation as one CommonMark/GFM document: `# title`, each turn under `## User`,
 * `## Assistant` or `## System` with its content, highlighted text as `==text==[^n]`
 * (footnotes numbered in document order), and a closing `## Annotations` section with each
 * highlight's tag, excerpt, author and comments.
 */
export function conversationToMarkdown({ title, doc, exportedAt }: ConversationMarkdownInput): string {
  const tree = readTranscriptTree(doc.getXmlFragment(documentLayout.content));
  const plan = planFootnotes(tree, readAnnotations(doc));
  const sections = [`# ${renderTitle(title)}`];
  if (exportedAt && !Number.isNaN(exportedAt.getTime())) sections.push(`Exported ${formatExportTime(exportedAt)}.`);
  for (const node of tree) sections.push(renderTopLevel(node, plan));
  sections.push(renderAnnotationsSection(plan));
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`.replaceAll('\u0000', '\ufffd').toWellFormed();
}

function renderTopLevel(node: TranscriptNode, plan: FootnotePlan): string {
  if (node.kind === 'element' && node.type === turnElement.name) {
    const role = node.attrs[turnElement.roleAttribute];
    const heading = `## ${turnRoles.includes(role as TurnRole) ? turnRoleLabels[role as TurnRole] : 'Turn'}`;
    const body = renderBlocks(node.content, plan);
    return body === '' ? heading : `${heading}\n\n${body}`;
  }
  // Blocks outside any turn (the editor never writes them): kept, where they stand.
  return renderBlocks([node], plan);
}

function renderTitle(title: string): string {
  const text = renderPlainText(title.replace(/\s+/g, ' '), 'heading');
  return text === '' ? 'Untitled conversation' : text.replace(/#$/, '\\#');
}

/** `2025-03-01 14:05 UTC`. */
function formatExportTime(time: Date): string {
  const iso = time.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
