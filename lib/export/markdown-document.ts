import { renderPlainText } from './inline-markdown';

/** Text for a `#` heading: on one line, escaped, `fallback` when nothing is left. */
export function headingText(text: string, fallback: string): string {
  const escaped = oneLineText(text);
  return escaped === '' ? fallback : escaped.replace(/#$/, '\\#');
}

/** A name or title on one line (whitespace collapsed), escaped, for the middle of a line. */
export function oneLineText(text: string): string {
  return renderPlainText(text.replace(/\s+/g, ' '), 'heading');
}

/** `2025-03-01 14:05 UTC`, or null for a date that is not one. */
export function formatUtcMinute(time: Date): string | null {
  if (Number.isNaN(time.getTime())) return null;
  const iso = time.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * Sections (blocks of Markdown) as one file: empty ones left out, a blank line between the
 * others, a final newline; no NUL and no lone surrogate, whatever the document held.
 */
export function joinMarkdownSections(sections: string[]): string {
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`.replaceAll('\u0000', '\ufffd').toWellFormed();
}
