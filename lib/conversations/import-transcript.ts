import { z } from 'zod';
import { assertImportSize } from '@/lib/import/import-limits';
import { importPastedHtml } from '@/lib/import/import-pasted-html';
import type { ImportPlatform, TranscriptTurn } from '@/lib/import/imported-conversation';
import { assertImportedElementsWithinLimit } from '@/lib/import/imported-document-limits';
import { importPlainText } from '@/lib/import/plain-text-turns';
import { limits } from '@/lib/limits';

/** A pasted `text` or `html` field: at most `limits.import.pasteMaxCharacters`. */
export function pastedText() {
  const max = limits.import.pasteMaxCharacters;
  return z.string({ error: 'must be text' }).max(max, `must be at most ${max.toLocaleString('en')} characters`);
}

export interface TranscriptImport {
  platform: ImportPlatform | 'empty';
  turns: TranscriptTurn[];
  /** The input field the turns came from (`html` or `text`), for errors about them. */
  field: 'html' | 'text' | null;
}

/**
 * Pasted input as turns: HTML when there is any (it keeps the chat's structure and the
 * speakers), else the text; nothing at all makes an empty conversation. A paste too large
 * to parse, or that would make more elements than a conversation may hold, is refused with
 * an `InvalidError` on its field.
 */
export function importTranscript(input: { text?: string; html?: string }): TranscriptImport {
  if (input.html?.trim()) return checked(input.html, 'html', importPastedHtml);
  if (input.text?.trim()) return checked(input.text, 'text', importPlainText);
  return { platform: 'empty', turns: [], field: null };
}

function checked(
  input: string,
  field: 'html' | 'text',
  importer: (input: string) => { platform: ImportPlatform; turns: TranscriptTurn[] },
): TranscriptImport {
  assertImportSize(input, field);
  const imported = importer(input);
  assertImportedElementsWithinLimit(imported.turns, field);
  return { ...imported, field };
}
