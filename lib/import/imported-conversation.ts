import type { TurnRole } from '../sync/document-layout';

/**
 * What an import produces: the speaker turns of a pasted conversation, each as sanitised
 * transcript HTML (see sanitize-transcript-html.ts), ready to become the document's `turn`
 * elements (docs/crdt.md).
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

export interface ImportedTurn {
  role: TurnRole;
  /** Sanitised HTML: only the allowlisted tags and attributes, never empty. */
  html: string;
}

export interface ImportedConversation {
  platform: ImportPlatform;
  turns: ImportedTurn[];
}
