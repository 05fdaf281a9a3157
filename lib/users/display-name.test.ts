import { describe, expect, test } from 'vitest';
import { displayName, unnamedMember } from './display-name';

describe('displayName', () => {
  test('is the chosen name, trimmed', () => {
    expect(displayName({ name: '  Ada Lovelace ' })).toBe('Ada Lovelace');
  });

  test('without a name it is never any part of the email address', () => {
    const nameless = { name: '', email: 'ada.lovelace@example.test' };
    expect(displayName(nameless)).toBe(unnamedMember);
    const blank = { name: '   ', email: 'grace@example.test' };
    expect(displayName(blank)).not.toContain('grace');
    expect(displayName({ name: null })).toBe(unnamedMember);
  });
});
