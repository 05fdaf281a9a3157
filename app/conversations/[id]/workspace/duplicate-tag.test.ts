import { describe, expect, test } from 'vitest';
import { duplicateTagMessage } from './duplicate-tag';

const tags = [
  { id: '1', name: 'effective', color: '#fde68a' },
  { id: '2', name: 'hallucination', color: '#fecaca' },
];

describe('duplicateTagMessage', () => {
  test('names the existing tag when the new name differs only in case or surrounding spaces', () => {
    expect(duplicateTagMessage(tags, 'Effective')).toBe('A tag named “effective” already exists.');
    expect(duplicateTagMessage(tags, '  HALLUCINATION ')).toBe('A tag named “hallucination” already exists.');
  });

  test('says nothing for a new name or an empty one', () => {
    expect(duplicateTagMessage(tags, 'Effective prompt')).toBeNull();
    expect(duplicateTagMessage(tags, '   ')).toBeNull();
  });
});
