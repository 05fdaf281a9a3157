import { describe, expect, test } from 'vitest';
import { expectFixtureImport, importFixture } from '@/lib/import/fixture-import-expectations';
import { roleOfSpeaker } from './chatcraft';

/**
 * chatcraft_prd.html.gz, checked by eye: the app's header ("<ChatCraft />", a chat search
 * form), a sidebar of "Saved Chats (8)" with dates, then the chat: a compact card naming
 * its speaker only by an avatar `<span title="System Prompt">SP</span>` ("You are a helpful
 * product manager assistant…"), a summary card (link to the chat, date, no speaker), then
 * three message cards whose headers name the speaker in an `h2`: "System Prompt" (its avatar
 * titled "ChatCraft"), "Brian Ballsun-Stanton", "claude-sonnet-4", each with a timestamp
 * link. Last, the composer card ("Ask a question or use /help to learn more").
 */
test('ChatCraft: two system prompts, the person, the model', () => {
  const conversation = importFixture('chatcraft_prd.html.gz');
  expectFixtureImport(conversation, {
    platform: 'chatcraft',
    roles: ['system', 'system', 'user', 'assistant'],
    firstUserText: 'Hi Claude. Today I am trying to build a structure to help my team evaluate',
    firstAssistantText: 'Let me break down your goal and confirm our communication framework:',
    furniture: ['Saved Chats', 'Sep 29, 2025', 'claude-sonnet-4', 'Ballsun-Stanton', 'System Prompt', 'Search chat history', 'Ask a question', 'ChatCraft', 'SP'],
  });
  expect(conversation.turns[0]?.html).toBe('<p>You are a helpful product manager assistant. Help the user write clear, structured PRDs.</p>');
  expect(conversation.turns[1]?.html).toMatch(/^<p>You are helping a team at JLU Giessen/);
});

describe('roleOfSpeaker', () => {
  test('names the system prompt, models and the app as such, and people as users', () => {
    expect(roleOfSpeaker('System Prompt')).toBe('system');
    expect(roleOfSpeaker('claude-sonnet-4')).toBe('assistant');
    expect(roleOfSpeaker('gpt-4o')).toBe('assistant');
    expect(roleOfSpeaker('ChatCraft')).toBe('assistant');
    expect(roleOfSpeaker('Brian Ballsun-Stanton')).toBe('user');
    expect(roleOfSpeaker('alice')).toBe('user');
  });
});
