import { z } from 'zod';
import { transcriptBlocksText } from '@/lib/import/transcript-blocks';
import { parseInput } from '@/lib/parse-input';
import type { TurnRole } from '@/lib/sync/document-layout';
import { importTranscript, pastedText, unmarkedSplit, type TranscriptImport } from './import-transcript';

const EXCERPT_CHARACTERS = 280;

const previewSchema = z.object(
  {
    text: pastedText().optional(),
    html: pastedText().optional(),
    split: unmarkedSplit().optional(),
  },
  { error: 'must be an object' },
);

export interface ImportPreview {
  platform: TranscriptImport['platform'];
  turns: Array<{ role: TurnRole; excerpt: string; characters: number }>;
  /** Pasted text naming no speaker: the page asks how to split it (`split`). */
  unmarked: boolean;
}

/** What a paste would become, shown to the person before they create the conversation. */
export function previewImport(input: unknown): ImportPreview {
  const data = parseInput(previewSchema, input);
  const imported = importTranscript(data);
  return {
    platform: imported.platform,
    unmarked: imported.unmarked,
    turns: imported.turns.map((turn) => {
      const text = transcriptBlocksText(turn.blocks);
      return { role: turn.role, excerpt: text.length > EXCERPT_CHARACTERS ? `${text.slice(0, EXCERPT_CHARACTERS)}…` : text, characters: text.length };
    }),
  };
}
