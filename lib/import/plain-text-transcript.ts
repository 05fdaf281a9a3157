import type { TranscriptBlock } from './transcript-blocks';
import { TranscriptBuilder } from './transcript-builder';

const fenceOpening = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)/;

/** The fence that a line opens (```` ``` ````, `~~~`, with an optional language), if it opens one. */
export function codeFenceOf(line: string): { fence: string; language: string } | undefined {
  const match = fenceOpening.exec(line);
  return match ? { fence: match[1] as string, language: match[2] as string } : undefined;
}

export function closesCodeFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === (fence[0] as string).repeat(trimmed.length);
}

/** Text as it may be stored and shown: one line-ending style, no NUL, no lone surrogates. */
export function normalizePlainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\u0000/g, '').toWellFormed();
}

/**
 * Plain text as transcript blocks: blank lines separate paragraphs, a single newline is a
 * line break, fenced code (```` ```lang ````… ```` ``` ````) becomes a code block kept exactly.
 * Everything is escaped; nothing in the text is read as markup.
 */
export function plainTextToTranscriptBlocks(text: string): TranscriptBlock[] {
  const builder = new TranscriptBuilder();
  const lines = normalizePlainText(text).split('\n');
  let paragraph: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    builder.openParagraph();
    builder.addText(paragraph.join('\n'), 'keep-lines');
    builder.closeInline();
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as string;
    const fence = codeFenceOf(line);
    if (fence) {
      flushParagraph();
      const code: string[] = [];
      for (index += 1; index < lines.length && !closesCodeFence(lines[index] as string, fence.fence); index += 1) code.push(lines[index] as string);
      builder.addCodeBlock(code.join('\n'), normalizeFenceLanguage(fence.language));
    } else if (line.trim() === '') {
      flushParagraph();
    } else {
      paragraph.push(line);
    }
  }
  flushParagraph();
  return builder.finish();
}

function normalizeFenceLanguage(language: string): string | undefined {
  const name = language.toLowerCase();
  return /^[a-z0-9_+#.-]{1,40}$/.test(name) ? name : undefined;
}
