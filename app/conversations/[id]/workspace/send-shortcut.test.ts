import { describe, expect, test } from 'vitest';
import { isSendShortcut } from './send-shortcut';

describe('isSendShortcut', () => {
  test('Ctrl+Enter and Cmd+Enter send; Enter alone, Shift+Enter and composing text do not', () => {
    expect(isSendShortcut({ key: 'Enter', ctrlKey: true, metaKey: false })).toBe(true);
    expect(isSendShortcut({ key: 'Enter', ctrlKey: false, metaKey: true })).toBe(true);
    expect(isSendShortcut({ key: 'Enter', ctrlKey: false, metaKey: false })).toBe(false);
    expect(isSendShortcut({ key: 'a', ctrlKey: true, metaKey: false })).toBe(false);
    expect(isSendShortcut({ key: 'Enter', ctrlKey: true, metaKey: false, isComposing: true })).toBe(false);
  });
});
