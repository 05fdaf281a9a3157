import { describe, expect, test } from 'vitest';
import { editPermission } from './edit-permission';
import { flagsOfLockState, isLockState, lockStateOf, lockStates } from './lock-state';

describe('lock states', () => {
  test('each state is stored as its flags and read back as itself; locked wins over annotate-only', () => {
    for (const state of lockStates) expect(lockStateOf(flagsOfLockState(state))).toBe(state);
    expect(lockStateOf({ locked: true, annotateOnly: true })).toBe('locked');
  });

  test('what each state lets a student do', () => {
    const student = (state: (typeof lockStates)[number]) => editPermission({ role: 'student', archived: false, ...flagsOfLockState(state) });
    expect(student('open')).toMatchObject({ canEdit: true, canChangeText: true });
    expect(student('annotate-only')).toMatchObject({ canEdit: true, canChangeText: false });
    expect(student('locked')).toMatchObject({ canEdit: false, canChangeText: false });
  });

  test('only the three names are states', () => {
    expect(isLockState('annotate-only')).toBe(true);
    expect(isLockState('frozen')).toBe(false);
    expect(isLockState(null)).toBe(false);
  });
});
