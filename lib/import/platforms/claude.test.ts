import { expect, test } from 'vitest';
import { expectFixtureImport, importFixture, visibleText } from '@/lib/import/fixture-import-expectations';
import { reasoningLabel } from '@/lib/import/render-source-turns';

/**
 * claude_cooking.html.gz, checked by eye: the page (sidebar nav, header with the project
 * "Cooking") then seven `data-testid="user-message"` blocks, each followed by one outer
 * `font-claude-response` block: 14 turns alternating. User blocks carry a "Message actions"
 * group with the date ("Dec 29, 2025"); the fifth has an image thumbnail above it. Responses
 * 1–3 open with an expanded "Thought process" (a button over a nested `font-claude-response`
 * with the text); in responses 4–7 it is collapsed (a summary in the button, no text), and
 * response 4 opens with a "1 step" tool panel (the search "air fryer pork belly foil boat
 * technique", "10 results", favicons). Citation chips are links. The project sidebar holds
 * an empty `font-claude-response` (no turn). The footer: "Claude is AI and can make
 * mistakes…"; the composer's "Extended thinking" toggle.
 */
test('Claude: fourteen alternating turns, reasoning quoted before the answer', () => {
  const conversation = importFixture('claude_cooking.html.gz');
  expectFixtureImport(conversation, {
    platform: 'claude',
    roles: Array.from({ length: 14 }, (_, index) => (index % 2 === 0 ? 'user' : 'assistant')),
    firstUserText: 'I visited the butcher today to put in an order for some Steak',
    firstAssistantText: `${reasoningLabel} The user is asking about pork belly preparations`,
    furniture: ['Dec 29, 2025', 'Claude is AI and can make mistakes', '1 step', '10 results', 'foil boat technique', 'Extended thinking', 'Cooking', 'Message actions'],
  });
  const html = conversation.turns.map((turn) => turn.html);
  expect(html[1]).toMatch(/^<blockquote><p><strong>Thought process<\/strong><\/p><p>The user is asking about pork belly/);
  expect(html[1]).toContain('</blockquote><p>Good pairing instinct—the richness of dal makhani');
  // The tool-use answer: no reasoning to quote, the answer with its citation links.
  expect(html[7]).toMatch(/^<p><strong>Yes, use a foil boat\.<\/strong> The consensus across sources/);
  expect(html[7]).toContain('<a href="https://vocabularyoffood.com/roast-pork/" rel="noopener noreferrer nofollow">Vocabularyoffood</a>');
  expect(visibleText(html[8] ?? '')).toBe('[Attachment: 0831d02f-0abf-4a76-828e-b93d4bcb44fc.webp] Hold on. This has been trimmed.');
  // "Thought process" appears only as the label of the three expanded reasonings.
  expect(html.join('').split(reasoningLabel)).toHaveLength(4);
  expect(html.filter((turn) => turn.startsWith(`<blockquote><p><strong>${reasoningLabel}</strong></p>`))).toHaveLength(3);
});
