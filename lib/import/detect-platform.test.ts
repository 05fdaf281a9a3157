import { describe, expect, test } from 'vitest';
import { detectPlatform } from './detect-platform';
import { readConversationFixture } from './conversation-fixtures';
import { parseHtmlDocument } from './html-tree';

const platformOf = (html: string) => detectPlatform(parseHtmlDocument(html))?.platform;

describe('detectPlatform', () => {
  test.each([
    ['claude_cooking.html.gz', 'claude'],
    ['openai_biblatex.html.gz', 'chatgpt'],
    ['chatgpt54-emoji.html.gz', 'chatgpt'],
    ['google_gemini_debug.html.gz', 'gemini'],
    ['google_aistudio_ux_discussion.html.gz', 'google-ai-studio'],
    ['scienceos_loc.html.gz', 'scienceos'],
    ['openrouter_fizzbuzz.html.gz', 'openrouter'],
    ['chatcraft_prd.html.gz', 'chatcraft'],
  ])('%s is %s', (fileName, platform) => {
    expect(platformOf(readConversationFixture(fileName))).toBe(platform);
  });

  test('by the markers of turns, not by styling, and whatever else the page holds', () => {
    expect(platformOf('<section><div data-message-author-role="user">hi</div></section>')).toBe('chatgpt');
    expect(platformOf('<div data-testid="user-message">hi</div><div class="font-claude-response">yo</div>')).toBe('claude');
    expect(platformOf('<user-query>hi</user-query>')).toBe('gemini');
    expect(platformOf('<ms-chat-turn><div data-turn-role="User">hi</div></ms-chat-turn>')).toBe('google-ai-studio');
    expect(platformOf('<div data-testid="user-message">hi</div><div data-testid="assistant-message">yo</div>')).toBe('openrouter');
    expect(platformOf('<p class="_prompt_1x_1">hi</p><div class="_markdown_2y_1">yo</div>')).toBe('scienceos');
    expect(platformOf('<div class="chakra-card"><div class="message-text">hi</div></div>')).toBe('chatcraft');
  });

  test('nothing for other pages, or half an app’s signals', () => {
    expect(platformOf('<p>Hello</p>')).toBeUndefined();
    expect(platformOf('<div data-testid="user-message">hi</div>')).toBeUndefined();
    expect(platformOf('<div class="chakra-card">a card in another Chakra app</div>')).toBeUndefined();
    expect(platformOf('<div data-turn-role="User">no turn element</div>')).toBeUndefined();
  });
});
