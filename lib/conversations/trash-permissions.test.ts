import { describe, expect, test } from 'vitest';
import { canRestore, deletePermission } from './trash-permissions';

const open = { locked: false, archived: false };

describe('deletePermission', () => {
  test('instructors may delete any conversation, locked or in an archived class', () => {
    for (const state of [open, { locked: true, archived: false }, { locked: false, archived: true }, { locked: true, archived: true }]) {
      expect(deletePermission({ role: 'instructor', isOwner: false, ...state })).toEqual({ canDelete: true, cannotDeleteReason: '' });
    }
  });

  test('a student may delete their own open conversation', () => {
    expect(deletePermission({ role: 'student', isOwner: true, ...open })).toEqual({ canDelete: true, cannotDeleteReason: '' });
  });

  test('a student may not delete their own conversation once it is locked or the class archived, and is told why', () => {
    expect(deletePermission({ role: 'student', isOwner: true, locked: true, archived: false })).toEqual({
      canDelete: false,
      cannotDeleteReason: 'An instructor has locked this conversation, so only an instructor can delete it.',
    });
    expect(deletePermission({ role: 'student', isOwner: true, locked: false, archived: true })).toEqual({
      canDelete: false,
      cannotDeleteReason: 'This class is archived, so only an instructor can delete its conversations.',
    });
  });

  test('a student may not delete their own workspace (it holds their submission); an instructor may', () => {
    expect(deletePermission({ role: 'student', isOwner: true, kind: 'workspace', ...open })).toEqual({
      canDelete: false,
      cannotDeleteReason: 'Work for an activity can be deleted only by an instructor.',
    });
    expect(deletePermission({ role: 'instructor', isOwner: false, kind: 'workspace', ...open }).canDelete).toBe(true);
  });

  test('a student may not delete someone else’s conversation', () => {
    expect(deletePermission({ role: 'student', isOwner: false, ...open })).toMatchObject({ canDelete: false, cannotDeleteReason: expect.stringContaining('owner') });
  });
});

describe('canRestore', () => {
  test('instructors and the owner may restore; other students may not', () => {
    expect(canRestore({ role: 'instructor', isOwner: false })).toBe(true);
    expect(canRestore({ role: 'student', isOwner: true })).toBe(true);
    expect(canRestore({ role: 'student', isOwner: false })).toBe(false);
  });
});
