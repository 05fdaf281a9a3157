import { describe, expect, test } from 'vitest';
import { formatInviteCode, generateInviteCode, INVITE_CODE_ALPHABET, isWellFormedInviteCode, normalizeInviteCode } from './invite-code';

describe('generateInviteCode', () => {
  test('makes 8 characters from the alphabet without look-alikes', () => {
    expect(INVITE_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(new Set(INVITE_CODE_ALPHABET).size).toBe(INVITE_CODE_ALPHABET.length);
    for (let i = 0; i < 200; i++) expect(generateInviteCode()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
  });

  test('uses every character of the alphabet, and does not repeat itself', () => {
    const codes = Array.from({ length: 2000 }, generateInviteCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(codes.join(''))).toEqual(new Set(INVITE_CODE_ALPHABET));
  });
});

describe('normalizeInviteCode', () => {
  test('upper-cases and removes spaces and dashes, typographic ones included', () => {
    expect(normalizeInviteCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeInviteCode(' abcd efgh ')).toBe('ABCDEFGH');
    expect(normalizeInviteCode('ABCD\u2013EFGH')).toBe('ABCDEFGH');
    expect(normalizeInviteCode('ab-cd - ef\tgh')).toBe('ABCDEFGH');
  });

  test('round-trips what formatInviteCode shows', () => {
    const code = generateInviteCode();
    expect(normalizeInviteCode(formatInviteCode(code))).toBe(code);
  });
});

test('formatInviteCode puts a dash in the middle', () => {
  expect(formatInviteCode('ABCDEFGH')).toBe('ABCD-EFGH');
});

test('isWellFormedInviteCode accepts only codes we could have issued', () => {
  expect(isWellFormedInviteCode('ABCDEFGH')).toBe(true);
  expect(isWellFormedInviteCode('ABCDEFG')).toBe(false);
  expect(isWellFormedInviteCode('ABCDEFGO')).toBe(false);
  expect(isWellFormedInviteCode('abcdefgh')).toBe(false);
});
