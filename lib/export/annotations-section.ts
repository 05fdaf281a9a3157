import { calendarDate } from './annotation-records';
import { renderPlainText } from './inline-markdown';
import { oneLineText } from './markdown-document';
import type { Footnote, FootnotePlan } from './footnote-plan';

/** Footnote content continues on lines indented this far (GFM footnotes, like list items). */
const FOOTNOTE_INDENT = '    ';

/**
 * The `## Annotations` section: one footnote per highlight, in the order of their references,
 * each with its tag, the highlighted text, its author and date, then its comments as a list.
 *
 * ```
 * [^1]: **hallucination** — "The moon is made of cheese" (by Ada Lovelace, 2025-03-01)
 *     - Grace Hopper (2025-03-02): It is not.
 * ```
 */
export function renderAnnotationsSection(plan: FootnotePlan): string {
  if (plan.footnotes.length === 0) return '';
  return ['## Annotations', ...plan.footnotes.map(renderFootnote)].join('\n\n');
}

function renderFootnote({ number, annotation, excerpt }: Footnote): string {
  const byline = [`by ${oneLineText(annotation.authorName)}`, calendarDate(annotation.createdAt)].filter(Boolean).join(', ');
  const lines = [`[^${number}]: **${oneLineText(annotation.tagName)}** — "${oneLineText(excerpt)}" (${byline})`];
  for (const comment of annotation.comments) {
    const when = calendarDate(comment.createdAt);
    const text = renderPlainText(comment.text, 'paragraph');
    const [first = '', ...rest] = text.split('\n');
    lines.push(`${FOOTNOTE_INDENT}- ${oneLineText(comment.authorName)}${when ? ` (${when})` : ''}: ${first}`.trimEnd());
    for (const line of rest) lines.push(`${FOOTNOTE_INDENT}  ${line}`);
  }
  return lines.join('\n');
}
