import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { InvalidError } from './errors';
import { requiredText } from './field-schemas';
import { parseInput, parsePatch } from './parse-input';

const schema = z.object({ title: requiredText(10), nested: z.object({ count: z.number({ error: 'must be a number' }) }).optional() }, { error: 'must be an object' });

function invalidOf(work: () => unknown): InvalidError {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidError) return error;
    throw error;
  }
  throw new Error('expected an InvalidError');
}

describe('parseInput', () => {
  test('returns the parsed value', () => {
    expect(parseInput(schema, { title: '  Hi  ' })).toEqual({ title: 'Hi' });
  });

  test('names the first field at fault, and says what is wrong with it', () => {
    const error = invalidOf(() => parseInput(schema, { title: '   ' }));
    expect(error.field).toBe('title');
    expect(error.message).toBe('title must not be empty');
  });

  test('names a nested field by its path', () => {
    const error = invalidOf(() => parseInput(schema, { title: 'ok', nested: { count: 'x' } }));
    expect(error.field).toBe('nested.count');
    expect(error.message).toBe('nested.count must be a number');
  });

  test('blames the body when the input is not an object at all', () => {
    const error = invalidOf(() => parseInput(schema, 'text'));
    expect(error.field).toBe('body');
    expect(error.message).toBe('body must be an object');
  });

  test('says a missing field is required', () => {
    expect(invalidOf(() => parseInput(schema, {})).message).toBe('title is required');
  });
});

describe('parsePatch', () => {
  const patch = z.object({ title: requiredText(10).optional(), note: z.string().nullable().optional() });

  test('drops fields given as undefined, so they are left alone rather than cleared', () => {
    expect(parsePatch(patch, { title: undefined, note: null })).toEqual({ note: null });
    expect(Object.keys(parsePatch(patch, { title: undefined }))).toEqual([]);
  });
});
