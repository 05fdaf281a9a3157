import { z } from 'zod';
import { assertImportSize } from '@/lib/import/import-limits';
import { importPastedHtml } from '@/lib/import/import-pasted-html';
import type { ImportPlatform, TranscriptTurn } from '@/lib/import/imported-conversation';
import { assertImportedElementsWithinLimit } from '@/lib/import/imported-document-limits';
import { hasSpeakerMarkers, importPlainText } from '@/lib/import/plain-text-turns';
import { unmarkedSplits, type UnmarkedSplit } from '@/lib/import/unmarked-split';
import { limits } from '@/lib/limits';

/** A pasted `text` or `html` field: at most `limits.import.pasteMaxCharacters`. */
export function pastedText() {
  const max = limits.import.pasteMaxCharacters;
  return z.string({ error: 'must be text' }).max(max, `must be at most ${max.toLocaleString('en')} characters`);
}

/** How to split pasted text that names no speaker (`unmarkedSplits`); optional, default one assistant turn. */
export function unmarkedSplit() {
  return z.enum(unmarkedSplits, { error: `must be one of: ${unmarkedSplits.join(', ')}` });
}

export interface TranscriptImport {
  platform: ImportPlatform | 'empty';
  turns: TranscriptTurn[];
  /** The input field the turns came from (`html` or `text`), for errors about them. */
  field: 'html' | 'text' | null;
  /** Pasted text that names no speaker: `split` decided its turns. */
  unmarked: boolean;
}

/**
 * Pasted input as turns: HTML when there is any (it keeps the chat's structure and the
 * speakers), else the text; nothing at all makes an empty conversation. A paste too large
 * to parse, or that would make more elements than a conversation may hold, is refused with
 * an `InvalidError` on its field.
 */
export function importTranscript(input: { text?: string; html?: string; split?: UnmarkedSplit }): TranscriptImport {
  if (input.html?.trim()) return { ...checked(input.html, 'html', importPastedHtml), unmarked: false };
  const text = input.text;
  if (text?.trim()) {
    const imported = checked(text, 'text', (pasted) => importPlainText(pasted, input.split));
    return { ...imported, unmarked: !hasSpeakerMarkers(text) };
  }
  return { platform: 'empty', turns: [], field: null, unmarked: false };
}

function checked(
  input: string,
  field: 'html' | 'text',
  importer: (input: string) => { platform: ImportPlatform; turns: TranscriptTurn[] },
): Omit<TranscriptImport, 'unmarked'> {
  assertImportSize(input, field);
  const imported = importer(input);
  assertImportedElementsWithinLimit(imported.turns, field);
  return { ...imported, field };
}
