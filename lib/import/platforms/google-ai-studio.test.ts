import { expect, test } from 'vitest';
import { expectFixtureImport, importFixture, visibleText } from '@/lib/import/fixture-import-expectations';

/**
 * google_aistudio_ux_discussion.html.gz, checked by eye: a toolbar (title, "26,924 tokens",
 * share button) then 23 `<ms-chat-turn>`s. The chat scrolls virtually, so only four hold
 * content: two user turns that are files (`ms-file-chunk`: "case-brief-tool-prd.md",
 * "Paste January 23, 2026 - 2:54PM", each with a token count), the user's long first prompt
 * ("Hi Gemini. I'd like to have a UX discussion with you."), and one model answer ("Okay,
 * locking those in:"). Seven more model turns show only a collapsed "Thoughts" panel
 * ("Expand to view model thoughts", "chevron_right"); the other twelve are empty. Each turn
 * has an "User"/"Model" author label and rerun buttons; the footer a disclaimer.
 */
test('Google AI Studio: the four turns that were rendered, files as attachments', () => {
  const conversation = importFixture('google_aistudio_ux_discussion.html.gz');
  expectFixtureImport(conversation, {
    platform: 'google-ai-studio',
    roles: ['user', 'user', 'user', 'assistant'],
    firstUserText: '[Attachment: case-brief-tool-prd.md]',
    firstAssistantText: 'Okay, locking those in: Round Trip:',
    furniture: ['Expand to view model thoughts', 'chevron_right', 'tokens', 'Rerun', 'may make mistakes', '26,924', 'UX Discussion: CRDTs and Collaboration'],
  });
  expect(visibleText(conversation.turns[1]?.html ?? '')).toBe('[Attachment: Paste January 23, 2026 - 2:54PM]');
  expect(visibleText(conversation.turns[2]?.html ?? '')).toMatch(/^Hi Gemini\. I'd like to have a UX discussion with you\. While working with Claude, I have this report:/);
  for (const turn of conversation.turns) expect(visibleText(turn.html)).not.toMatch(/^(User|Model|Thoughts)\b/);
  expect(conversation.turns[3]?.html).toContain('<pre><code>[Tag Color Bar]\nText: "The court found that the smoke ball..."');
});
