import { describe, expect, test } from 'vitest';
import { editPermission, frozenTextReason } from './edit-permission';

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
    expect(editPermission({ role: 'student', locked: true, archived: false })).toEqual({ canEdit: false, canChangeText: false, readOnlyReason: 'An instructor has locked this conversation.' });
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

  test('annotate-only: a student annotates but does not change the text; instructors do both; locked wins', () => {
    expect(editPermission({ role: 'student', ...open })).toEqual({ canEdit: true, canChangeText: true, readOnlyReason: '' });
    expect(editPermission({ role: 'student', ...open, annotateOnly: true })).toEqual({ canEdit: true, canChangeText: false, readOnlyReason: frozenTextReason });
    expect(editPermission({ role: 'instructor', ...open, annotateOnly: true })).toEqual({ canEdit: true, canChangeText: true, readOnlyReason: '' });
    expect(editPermission({ role: 'student', locked: true, annotateOnly: true, archived: false })).toMatchObject({ canEdit: false, canChangeText: false, readOnlyReason: expect.stringContaining('locked') });
    expect(editPermission({ role: 'instructor', locked: false, annotateOnly: true, archived: true })).toMatchObject({ canEdit: false, canChangeText: false });
    // Submitted work stays read-only; a peer still only reads.
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: true, submissionStatus: 'submitted', ...open, annotateOnly: true }).canEdit).toBe(false);
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: true, submissionStatus: 'in_progress', ...open, annotateOnly: true })).toMatchObject({ canEdit: true, canChangeText: false });
    expect(editPermission({ role: 'student', kind: 'workspace', isOwner: false, ...open, annotateOnly: true }).canEdit).toBe(false);
  });

  test('whoever may change the text may also annotate', () => {
    for (const role of ['student', 'instructor'] as const) {
      for (const locked of [false, true]) {
        for (const annotateOnly of [false, true]) {
          for (const archived of [false, true]) {
            const decision = editPermission({ role, locked, annotateOnly, archived });
            if (decision.canChangeText) expect(decision.canEdit).toBe(true);
            expect(decision.readOnlyReason === '').toBe(decision.canChangeText);
          }
        }
      }
    }
  });
});
