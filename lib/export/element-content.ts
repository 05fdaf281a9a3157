import type { TranscriptElement } from './transcript-tree';
import { withoutTrailingLineEnds } from '@/lib/editor/code-block-text';

/** A code block's text, verbatim (marks inside are not the schema's and are ignored). */
export function codeBlockText(node: TranscriptElement): string {
  const text = node.content.map((child) => (child.kind === 'text' ? child.text : child.type === 'hardBreak' ? '\n' : '')).join('');
  // A document imported before the import dropped them may still end its code with line ends.
  return withoutTrailingLineEnds(text.replace(/\r\n?/g, '\n'));
}

/**
 * A numeric attribute (heading level, list start, colspan) as an integer within bounds;
 * anything unreadable is `fallback`. Attributes come from any client, so never trust them.
 */
export function integerAttribute(value: unknown, min: number, max: number, fallback: number): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(number)));
}
