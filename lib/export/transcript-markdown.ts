import type * as Y from 'yjs';
import { documentLayout, turnElement, turnRoleLabels, turnRoles, type TurnRole } from '@/lib/sync/document-layout';
import { readAnnotations } from './annotation-records';
import { renderAnnotationsSection } from './annotations-section';
import { renderBlocks } from './block-markdown';
import { planFootnotes, type FootnotePlan } from './footnote-plan';
import { formatUtcMinute, headingText, joinMarkdownSections } from './markdown-document';
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
  const exported = exportedAt ? formatUtcMinute(exportedAt) : null;
  return joinMarkdownSections([`# ${headingText(title, 'Untitled conversation')}`, exported ? `Exported ${exported}.` : '', ...transcriptSections(doc)]);
}

/** The transcript's sections: each turn under its `##` heading, then the `## Annotations` section (when there are highlights). */
export function transcriptSections(doc: Y.Doc): string[] {
  const tree = readTranscriptTree(doc.getXmlFragment(documentLayout.content));
  const plan = planFootnotes(tree, readAnnotations(doc));
  return [...tree.map((node) => renderTopLevel(node, plan)), renderAnnotationsSection(plan)];
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
