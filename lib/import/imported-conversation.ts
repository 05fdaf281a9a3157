import type { TurnRole } from '@/lib/sync/document-layout';
import type { TranscriptBlock } from './transcript-blocks';

/**
 * What an import produces: the speaker turns of a pasted conversation, each as transcript
 * blocks (transcript-blocks.ts), from which the document's `turn` elements are built
 * (lib/editor/transcript-blocks-document.ts, docs/crdt.md) and the preview is read.
 */
export type { TurnRole };

export const importPlatforms = [
  'claude',
  'chatgpt',
  'gemini',
  'google-ai-studio',
  'scienceos',
  'openrouter',
  'chatcraft',
  'plain-text',
  'html',
] as const;

/** Where the paste came from: a chat app recognised by its markup, or plain text, or other HTML. */
export type ImportPlatform = (typeof importPlatforms)[number];

/** One speaker's message: what the editor's schema can hold, never empty. */
export interface TranscriptTurn {
  role: TurnRole;
  blocks: TranscriptBlock[];
}

export interface ImportedConversation {
  platform: ImportPlatform;
  turns: TranscriptTurn[];
}
