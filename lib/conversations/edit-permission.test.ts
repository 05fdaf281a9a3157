import { describe, expect, test } from 'vitest';
import { editPermission } from './edit-permission';

const open = { locked: false, archived: false };

describe('editPermission', () => {
  test('nobody edits in an archived class; instructors edit everything else', () => {
    expect(editPermission({ role: 'instructor', locked: false, archived: true }).canEdit).toBe(false);
    for (const kind of ['conversation', 'template', 'workspace'] as const) {
      expect(editPermission({ role: 'instructor', kind, isOwner: false, submissionStatus: 'submitted', locked: true, archived: false }).canEdit).toBe(true);
    }
  });

  test('a student edits a class conversation unless it is locked', () => {
    expect(editPermission({ role: 'student', ...open }).canEdit).toBe(true);
    expect(editPermission({ role: 'student', locked: true, archived: false })).toEqual({ canEdit: false, readOnlyReason: 'An instructor has locked this conversation.' });
  });

  test('a student edits their own workspace until they submit it, and again once it is returned', () => {
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: true, submissionStatus: 'in_progress', ...open }).canEdit).toBe(true);
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: true, submissionStatus: 'submitted', ...open })).toMatchObject({
      canEdit: false,
      readOnlyReason: expect.stringContaining('submitted'),
    });
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: true, submissionStatus: 'returned', ...open }).canEdit).toBe(true);
  });

  test('a peer only reads a shared workspace, and a student never edits a template', () => {
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: false, submissionStatus: 'in_progress', ...open })).toMatchObject({ canEdit: false });
    expect(editPermission({ role: 'student', kind: 'template', isOwner: false, ...open })).toMatchObject({ canEdit: false });
  });
});
