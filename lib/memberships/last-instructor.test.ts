import { describe, expect, test } from 'vitest';
import { isOnlyInstructor } from './last-instructor';

describe('isOnlyInstructor', () => {
  const ada = { userId: 'ada', role: 'instructor' as const };
  const sam = { userId: 'sam', role: 'student' as const };
  const grace = { userId: 'grace', role: 'instructor' as const };

  test('the one instructor of a class is its only instructor', () => {
    expect(isOnlyInstructor([ada, sam], 'ada')).toBe(true);
  });

  test('not with a second instructor, and never a student', () => {
    expect(isOnlyInstructor([ada, grace, sam], 'ada')).toBe(false);
    expect(isOnlyInstructor([ada, sam], 'sam')).toBe(false);
  });
});
