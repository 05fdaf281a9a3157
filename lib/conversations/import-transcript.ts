import type { TranscriptTurn } from '../editor/transcript-document';
import { importPastedHtml } from '../import/import-pasted-html';
import type { ImportPlatform } from '../import/imported-conversation';
import { importPlainText } from '../import/plain-text-turns';

export interface TranscriptImport {
  platform: ImportPlatform | 'empty';
  turns: TranscriptTurn[];
}

/**
 * Pasted input as turns: HTML when there is any (it keeps the chat's structure and the
 * speakers), else the text; nothing at all makes an empty conversation.
 */
export function importTranscript(input: { text?: string; html?: string }): TranscriptImport {
  if (input.html?.trim()) return importPastedHtml(input.html);
  if (input.text?.trim()) return importPlainText(input.text);
  return { platform: 'empty', turns: [] };
}
