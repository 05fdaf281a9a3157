import { expect } from 'vitest';
import { readConversationFixture } from './conversation-fixtures';
import { transcriptHtmlText } from './transcript-html-text';
import { conversationAsHtml } from '@/lib/testing/html-transcript-document';
import type { ImportPlatform, TurnRole } from './imported-conversation';
import { importPastedHtml } from './import-pasted-html';
import { transcriptHtmlViolations } from './transcript-html-allowlist';

/** Test support: what every fixture's import must show. */
export interface FixtureExpectation {
  platform: ImportPlatform;
  roles: TurnRole[];
  /** How the text of the first user turn and the first assistant turn begin. */
  firstUserText: string;
  firstAssistantText: string;
  /** Page furniture seen in the fixture, which must not survive. */
  furniture: string[];
}

/** The text a reader sees in transcript HTML (the import's own rule). */
export const visibleText = transcriptHtmlText;

/** A fixture's import, its turns as the transcript HTML their blocks write. */
export function importFixture(fileName: string): FixtureImport {
  return conversationAsHtml(importPastedHtml(readConversationFixture(fileName)));
}

export type FixtureImport = ReturnType<typeof conversationAsHtml>;

export function expectFixtureImport(conversation: FixtureImport, expected: FixtureExpectation): void {
  expect(conversation.platform).toBe(expected.platform);
  expect(conversation.turns.map((turn) => turn.role)).toEqual(expected.roles);
  const firstText = (role: TurnRole) => visibleText(conversation.turns.find((turn) => turn.role === role)?.html ?? '');
  expect(firstText('user').startsWith(expected.firstUserText), firstText('user').slice(0, 200)).toBe(true);
  expect(firstText('assistant').startsWith(expected.firstAssistantText), firstText('assistant').slice(0, 200)).toBe(true);
  for (const turn of conversation.turns) {
    expect(turn.html).not.toBe('');
    expect(transcriptHtmlViolations(turn.html)).toEqual([]);
    const text = visibleText(turn.html);
    for (const label of expected.furniture) expect(text, `furniture "${label}" survived`).not.toContain(label);
  }
}
