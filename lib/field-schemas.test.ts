import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { characterCount, derivedText, emailAddress, entityId, optionalText, recordTimestamps, requiredText, timestamp, toReadShape } from './field-schemas';

const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('requiredText', () => {
  const title = requiredText(5);

  test('trims', () => {
    expect(title.parse('  abc \n')).toBe('abc');
  });

  test('refuses what is empty once trimmed', () => {
    expect(messageOf(title.safeParse(''))).toBe('must not be empty');
    expect(messageOf(title.safeParse(' \t\n\u00a0\u2003'))).toBe('must not be empty');
  });

  test('counts characters as PostgreSQL does (code points), after trimming', () => {
    expect(title.parse('😀😀😀😀😀')).toBe('😀😀😀😀😀');
    expect(title.parse('  abcde  ')).toBe('abcde');
    expect(messageOf(title.safeParse('abcdef'))).toBe('must be at most 5 characters');
  });

  test('refuses the NUL character, which PostgreSQL text cannot hold', () => {
    expect(messageOf(title.safeParse('a\u0000b'))).toBe('must not contain the NUL character (U+0000)');
  });

  test('refuses a lone surrogate, which could only be stored altered', () => {
    expect(messageOf(title.safeParse('a\ud800b'))).toBe('must be valid Unicode text (it holds a lone surrogate)');
    expect(messageOf(title.safeParse('a\udc00'))).toBe('must be valid Unicode text (it holds a lone surrogate)');
  });

  test('says what it expected', () => {
    expect(messageOf(title.safeParse(42))).toBe('must be text');
    expect(messageOf(title.safeParse(undefined))).toBe('is required');
  });
});

describe('optionalText', () => {
  test('accepts empty, trims, and limits', () => {
    const name = optionalText(3);
    expect(name.parse('   ')).toBe('');
    expect(name.parse(' ab ')).toBe('ab');
    expect(messageOf(name.safeParse('abcd'))).toBe('must be at most 3 characters');
    expect(messageOf(name.safeParse('\u0000'))).toBe('must not contain the NUL character (U+0000)');
  });
});

describe('derivedText', () => {
  test('removes NUL characters and replaces lone surrogates instead of refusing', () => {
    expect(derivedText().parse('a\u0000b\u0000')).toBe('ab');
    expect(derivedText().parse('x\ud800y')).toBe('x\ufffdy');
  });

  test('keeps everything else as it is, whitespace included', () => {
    const text = '  line one\n\tline two 😀\r\n';
    expect(derivedText().parse(text)).toBe(text);
  });
});

describe('emailAddress', () => {
  test('is stored trimmed and lower-cased', () => {
    expect(emailAddress().parse('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  test('refuses what is not an address', () => {
    expect(messageOf(emailAddress().safeParse('not an address'))).toBe('must be an email address');
    expect(messageOf(emailAddress().safeParse(''))).toBe('must be an email address');
  });

  test('is at most 320 characters', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(61)}.com`;
    expect(long.length).toBeGreaterThan(320);
    expect(emailAddress().safeParse(long).success).toBe(false);
  });
});

describe('entityId', () => {
  test('accepts UUIDs and refuses anything else', () => {
    expect(entityId().safeParse('0b6a3c0e-5a4f-4d2b-9a57-1f0d8f1c2e3a').success).toBe(true);
    expect(messageOf(entityId().safeParse('42'))).toBe('must be an id (a UUID)');
  });
});

test('characterCount counts code points', () => {
  expect(characterCount('')).toBe(0);
  expect(characterCount('abc')).toBe(3);
  expect(characterCount('😀')).toBe(1);
  expect(characterCount('e\u0301')).toBe(2);
});

test('toReadShape takes the schema\'s fields from an entity: a relation\'s id for fooId, Dates as timestamps, missing as null', () => {
  const schema = z.object({ id: entityId(), ownerId: entityId(), image: z.string().nullable(), archivedAt: timestamp().nullable(), ...recordTimestamps });
  const owner = { id: '6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f', name: 'not in the shape' };
  const at = new Date('2026-12-01T10:00:00.000Z');
  const entity = { id: '0b9d7c6e-5f4a-4b3c-9d2e-1f0a9b8c7d6e', owner, image: undefined, archivedAt: null, createdAt: at, updatedAt: at, secret: 'left out' };
  const read = toReadShape(schema, entity);
  expect(read).toEqual({ id: entity.id, ownerId: owner.id, image: null, archivedAt: null, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z' });
  expect(schema.parse(read)).toEqual(read);
});
