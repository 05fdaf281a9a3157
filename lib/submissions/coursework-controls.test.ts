import { describe, expect, it } from 'vitest';
import { describeWordCount } from '@/lib/activities/word-limits';
import { courseworkControls, lateLabel, peerAuthorLabel, workOfLabel, type CourseworkControlsInput } from './coursework-controls';

const student = { submit: true, unsubmit: true, return: false, share: true };
const instructor = { submit: false, unsubmit: false, return: true, share: false };
const peer = { submit: false, unsubmit: false, return: false, share: false };

function input(changes: Partial<CourseworkControlsInput> = {}): CourseworkControlsInput {
  return { may: student, status: 'in_progress', connected: true, saved: true, wordCount: describeWordCount(120, { min: 100, max: 200, hard: true }), ...changes };
}

describe('courseworkControls', () => {
  it('offers its student Submit and sharing, an instructor the return form, a peer nothing', () => {
    expect(courseworkControls(input())).toEqual({ submit: { blockedReason: null }, unsubmit: false, share: true, returnToStudent: false });
    expect(courseworkControls(input({ may: instructor }))).toEqual({ submit: null, unsubmit: false, share: false, returnToStudent: true });
    expect(courseworkControls(input({ may: peer }))).toEqual({ submit: null, unsubmit: false, share: false, returnToStudent: false });
  });

  it('offers Unsubmit instead of Submit once submitted, when the server allows it (before the due date)', () => {
    expect(courseworkControls(input({ status: 'submitted' }))).toMatchObject({ submit: null, unsubmit: true });
    expect(courseworkControls(input({ status: 'submitted', may: { ...student, unsubmit: false } }))).toMatchObject({ submit: null, unsubmit: false });
  });

  it('offers Submit again on returned work', () => {
    expect(courseworkControls(input({ status: 'returned' })).submit).toEqual({ blockedReason: null });
  });

  it('makes Submit wait until the last changes reach the server, and says why', () => {
    expect(courseworkControls(input({ saved: false })).submit?.blockedReason).toBe('Saving your last changes…');
    expect(courseworkControls(input({ connected: false })).submit?.blockedReason).toMatch(/^Reconnect to submit/);
    expect(courseworkControls(input({ wordCount: null })).submit?.blockedReason).toBe('Loading your response…');
  });

  it('blocks Submit outside a hard word limit with the count’s own words, not outside a soft one', () => {
    expect(courseworkControls(input({ wordCount: describeWordCount(20, { min: 100, max: null, hard: true }) })).submit?.blockedReason).toBe(
      '20 words · 80 words under the minimum of 100: write more to submit.',
    );
    expect(courseworkControls(input({ wordCount: describeWordCount(20, { min: 100, max: null, hard: false }) })).submit?.blockedReason).toBeNull();
  });

  it('does not offer Submit when the server does not allow it (late work refused, archived class)', () => {
    expect(courseworkControls(input({ may: { ...student, submit: false } })).submit).toBeNull();
  });
});

describe('lateLabel', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('says late work was submitted late, whatever its status now', () => {
    expect(lateLabel({ status: 'submitted', late: true }, '2026-03-01T00:00:00Z', now)).toBe('Submitted late');
    expect(lateLabel({ status: 'returned', late: true }, '2026-03-01T00:00:00Z', now)).toBe('Submitted late');
  });
  it('says work not handed in is past due once its (extended) due date has passed', () => {
    expect(lateLabel({ status: 'in_progress', late: false }, '2026-03-10T11:59:59Z', now)).toBe('Past due');
    expect(lateLabel({ status: 'in_progress', late: false }, '2026-03-10T12:00:01Z', now)).toBeNull();
    expect(lateLabel({ status: 'in_progress', late: false }, null, now)).toBeNull();
    expect(lateLabel({ status: 'submitted', late: false }, '2026-03-01T00:00:00Z', now)).toBeNull();
  });
});

describe('workOfLabel', () => {
  it('names whose work it is', () => {
    expect(workOfLabel('Peer 2')).toBe('Peer 2’s work');
  });
});

describe('peerAuthorLabel', () => {
  const base = { isOwnStudent: false, isInstructor: false, studentId: 'sam', studentName: 'Peer 1', activity: { anonymousPeers: true } };

  it('names the student by their peer label to a peer of an anonymous activity, and others as stored', () => {
    const label = peerAuthorLabel(base)!;
    expect(label('sam', 'Sam Student')).toBe('Peer 1');
    expect(label('teacher', 'Ada Teacher')).toBe('Ada Teacher');
  });

  it('leaves names as stored for the student, instructors, named peers and class conversations', () => {
    expect(peerAuthorLabel({ ...base, isOwnStudent: true })).toBeUndefined();
    expect(peerAuthorLabel({ ...base, isInstructor: true })).toBeUndefined();
    expect(peerAuthorLabel({ ...base, activity: { anonymousPeers: false } })).toBeUndefined();
    expect(peerAuthorLabel(null)).toBeUndefined();
  });
});
