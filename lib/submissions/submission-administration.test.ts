import { afterEach, describe, expect } from 'vitest';
import { Submission } from '@/entities';
import { changeConversation } from '@/lib/conversations/conversation-administration';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { createConversation } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { returnWorkspace, setWorkspaceSharing, submitWorkspace, unsubmitWorkspace } from './submission-administration';
import { createCourseworkClass, grantExtension, startedWorkspace, type ActivityOptions } from './testing/coursework-fixtures';

const events: DomainEvent[] = [];
const unsubscribe = subscribeToDomainEvents((event) => events.push(event));
afterEach(() => void events.splice(0));
process.on('exit', unsubscribe);

const hour = 60 * 60 * 1000;

async function setup(db: TestDatabase, activity: ActivityOptions = {}, response = 'A short response of seven words here.') {
  const coursework = await createCourseworkClass(db, { students: 2, activity });
  const [studentId, peerId] = coursework.studentIds as [string, string];
  const workspaceId = await startedWorkspace(db, coursework, studentId, { response });
  return { ...coursework, studentId, peerId, workspaceId };
}

async function submissionOf(db: TestDatabase, conversationId: string) {
  return db.fork().findOneOrFail(Submission, { conversation: conversationId });
}

const accessChanges = (conversationId: string) => events.filter((event) => event.type === 'conversation.access-changed' && event.conversationId === conversationId).length;

describe('submitWorkspace', () => {
  test('its student submits: submitted, on time, the summary written from the stored document, and open connections told', async ({ db }) => {
    const room = await setup(db, { dueAt: new Date(Date.now() + hour) });
    const read = await submitWorkspace(db.fork(), room.studentId, room.workspaceId);
    expect(read).toMatchObject({ conversationId: room.workspaceId, status: 'submitted', late: false, returnedAt: null, grade: null, feedback: '' });
    expect(Date.now() - Date.parse(read.submittedAt ?? '')).toBeLessThan(60_000);
    expect((await submissionOf(db, room.workspaceId)).status).toBe('submitted');
    const [summary] = await db.sql<{ response_words: number; last_edited_at: Date | null }>('select response_words, last_edited_at from conversations where id = ?', [room.workspaceId]);
    expect(summary?.response_words).toBe(7);
    expect(summary?.last_edited_at).not.toBeNull();
    expect(accessChanges(room.workspaceId)).toBe(1);
  });

  test('nobody else submits it: an instructor is refused, a classmate and an outsider find no such conversation', async ({ db }) => {
    const room = await setup(db);
    await expect(submitWorkspace(db.fork(), room.instructorId, room.workspaceId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(submitWorkspace(db.fork(), room.peerId, room.workspaceId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(submitWorkspace(db.fork(), room.outsiderId, room.workspaceId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await submissionOf(db, room.workspaceId)).status).toBe('in_progress');
    expect(accessChanges(room.workspaceId)).toBe(0);
  });

  test('a class conversation is no workspace: no such workspace', async ({ db }) => {
    const room = await setup(db);
    const conversation = await createConversation(db.fork(), { classId: room.classId, ownerId: room.studentId }, { title: 'Class talk' });
    await expect(submitWorkspace(db.fork(), room.studentId, conversation.id)).rejects.toThrow('No such workspace.');
  });

  test('after the due date it is late where late work is accepted, and refused with a reason where it is not', async ({ db }) => {
    const accepting = await setup(db, { dueAt: new Date(Date.now() - hour) });
    expect(await submitWorkspace(db.fork(), accepting.studentId, accepting.workspaceId)).toMatchObject({ status: 'submitted', late: true });

    const strict = await setup(db, { dueAt: new Date(Date.now() - hour), allowLateSubmissions: false });
    const refusal = submitWorkspace(db.fork(), strict.studentId, strict.workspaceId);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toThrow(/does not accept late submissions/);
    expect((await submissionOf(db, strict.workspaceId)).status).toBe('in_progress');
  });

  test('a student’s extension is their due date: on time before it, even when the activity’s has passed', async ({ db }) => {
    const room = await setup(db, { dueAt: new Date(Date.now() - hour), allowLateSubmissions: false });
    await grantExtension(db, room, room.studentId, new Date(Date.now() + hour));
    expect(await submitWorkspace(db.fork(), room.studentId, room.workspaceId)).toMatchObject({ status: 'submitted', late: false });
    // A past extension makes it late like any due date.
    const peerWorkspace = await startedWorkspace(db, room, room.peerId, { response: 'x' });
    await grantExtension(db, room, room.peerId, new Date(Date.now() - 2 * hour));
    await db.sql('update activities set allow_late_submissions = true where id = ?', [room.activityId]);
    expect(await submitWorkspace(db.fork(), room.peerId, peerWorkspace)).toMatchObject({ late: true });
  });

  test('a hard word limit blocks submission with the count and the limit; a soft one does not', async ({ db }) => {
    const hard = await setup(db, { responseMinWords: 10, responseWordLimitHard: true }, 'Only four words here.');
    const underMinimum = submitWorkspace(db.fork(), hard.studentId, hard.workspaceId);
    await expect(underMinimum).rejects.toBeInstanceOf(InvalidError);
    await expect(underMinimum).rejects.toMatchObject({ field: 'response', message: 'The response has 4 words; this activity needs at least 10 to submit.' });

    const over = await setup(db, { responseMaxWords: 3, responseWordLimitHard: true }, 'Only four words here.');
    await expect(submitWorkspace(db.fork(), over.studentId, over.workspaceId)).rejects.toMatchObject({ field: 'response', message: expect.stringContaining('at most 3') });
    expect((await submissionOf(db, over.workspaceId)).status).toBe('in_progress');

    const soft = await setup(db, { responseMinWords: 10, responseWordLimitHard: false }, 'Only four words here.');
    expect(await submitWorkspace(db.fork(), soft.studentId, soft.workspaceId)).toMatchObject({ status: 'submitted' });
  });

  test('the count is the server’s, from the stored document, not anything the page says', async ({ db }) => {
    const room = await setup(db, { responseMinWords: 1, responseWordLimitHard: true }, '');
    await expect(submitWorkspace(db.fork(), room.studentId, room.workspaceId)).rejects.toMatchObject({ field: 'response', message: expect.stringContaining('has 0 words') });
  });

  test('two submits at once: both answer submitted with one time, one change is published', async ({ db }) => {
    const room = await setup(db);
    const [first, second] = await Promise.all([submitWorkspace(db.fork(), room.studentId, room.workspaceId), submitWorkspace(db.fork(), room.studentId, room.workspaceId)]);
    expect(first.status).toBe('submitted');
    expect(second).toEqual(first);
    expect(accessChanges(room.workspaceId)).toBe(1);
  });

  test('a submit and a return at once are made one after the other, and either order leaves a consistent submission', async ({ db }) => {
    const room = await setup(db);
    const [submitted, returned] = await Promise.all([
      submitWorkspace(db.fork(), room.studentId, room.workspaceId),
      returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { feedback: 'Good start.' }),
    ]);
    expect(submitted.status).toBe('submitted');
    expect(returned).toMatchObject({ status: 'returned', feedback: 'Good start.' });
    const stored = await submissionOf(db, room.workspaceId);
    expect(stored.feedback).toBe('Good start.');
    if (stored.status === 'returned') expect(stored.returnedAt!.getTime()).toBeGreaterThanOrEqual(stored.submittedAt?.getTime() ?? 0);
    else expect(stored.status).toBe('submitted');
  });
});

describe('unsubmitWorkspace', () => {
  test('its student takes it back before the due date; it is in progress again', async ({ db }) => {
    const room = await setup(db, { dueAt: new Date(Date.now() + hour) });
    await submitWorkspace(db.fork(), room.studentId, room.workspaceId);
    await expect(unsubmitWorkspace(db.fork(), room.instructorId, room.workspaceId)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await unsubmitWorkspace(db.fork(), room.studentId, room.workspaceId)).toMatchObject({ status: 'in_progress', submittedAt: null, late: false });
    expect(accessChanges(room.workspaceId)).toBe(2);
    await expect(unsubmitWorkspace(db.fork(), room.studentId, room.workspaceId)).rejects.toThrow('It is not submitted.');
  });

  test('not after the due date, unless the student’s extension is still ahead', async ({ db }) => {
    const room = await setup(db, { dueAt: new Date(Date.now() - hour) });
    await submitWorkspace(db.fork(), room.studentId, room.workspaceId);
    await expect(unsubmitWorkspace(db.fork(), room.studentId, room.workspaceId)).rejects.toBeInstanceOf(ConflictError);
    expect((await submissionOf(db, room.workspaceId)).status).toBe('submitted');
    await grantExtension(db, room, room.studentId, new Date(Date.now() + hour));
    expect(await unsubmitWorkspace(db.fork(), room.studentId, room.workspaceId)).toMatchObject({ status: 'in_progress' });
  });
});

describe('returnWorkspace', () => {
  test('instructors return with a numeric grade out of the activity’s maximum and feedback; students cannot', async ({ db }) => {
    const room = await setup(db, { gradeOutOf: 10 });
    await submitWorkspace(db.fork(), room.studentId, room.workspaceId);
    await expect(returnWorkspace(db.fork(), room.studentId, room.workspaceId, { grade: 10 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(returnWorkspace(db.fork(), room.peerId, room.workspaceId, { grade: 10 })).rejects.toBeInstanceOf(NotFoundError);
    const read = await returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { grade: '7.5', feedback: '  Clear argument.  ' });
    expect(read).toMatchObject({ status: 'returned', grade: '7.5', feedback: 'Clear argument.' });
    expect(read.returnedAt).not.toBeNull();
    expect((await submissionOf(db, room.workspaceId)).returnedBy?.id).toBe(room.instructorId);
    // Returned work can be submitted again.
    expect(await submitWorkspace(db.fork(), room.studentId, room.workspaceId)).toMatchObject({ status: 'submitted', grade: '7.5' });
  });

  test('a grade outside 0..gradeOutOf, or not a number, is refused on the grade field', async ({ db }) => {
    const room = await setup(db, { gradeOutOf: 10 });
    for (const grade of [11, -1, 'seven', '7 points', Number.NaN, true]) {
      await expect(returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { grade })).rejects.toMatchObject({ field: 'grade' });
    }
    expect((await submissionOf(db, room.workspaceId)).status).toBe('in_progress');
    expect(await returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { grade: 0 })).toMatchObject({ grade: '0' });
  });

  test('without gradeOutOf the grade is free text of at most 100 characters; feedback at most 20,000', async ({ db }) => {
    const room = await setup(db);
    expect(await returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { grade: ' Pass with merit ' })).toMatchObject({ grade: 'Pass with merit' });
    await expect(returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { grade: 'x'.repeat(101) })).rejects.toMatchObject({ field: 'grade' });
    await expect(returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { feedback: 'x'.repeat(20_001) })).rejects.toMatchObject({ field: 'feedback' });
    // Not given: kept; null: cleared.
    expect(await returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { feedback: 'More.' })).toMatchObject({ grade: 'Pass with merit', feedback: 'More.' });
    expect(await returnWorkspace(db.fork(), room.instructorId, room.workspaceId, { grade: null })).toMatchObject({ grade: null, feedback: 'More.' });
  });
});

describe('sharing a workspace', () => {
  test('its student shares and unshares it (PATCH sharedWithClass), and each change reaches open connections', async ({ db }) => {
    const room = await setup(db);
    expect(await setWorkspaceSharing(db.fork(), room.studentId, room.workspaceId, true)).toEqual({ sharedWithClass: true });
    const [row] = await db.sql<{ shared_with_class: boolean }>('select shared_with_class from conversations where id = ?', [room.workspaceId]);
    expect(row?.shared_with_class).toBe(true);
    expect(accessChanges(room.workspaceId)).toBe(1);
    // Now the peer sees it, and still may not change its sharing.
    await expect(changeConversation(db.fork(), room.peerId, room.workspaceId, { sharedWithClass: false })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setWorkspaceSharing(db.fork(), room.instructorId, room.workspaceId, false)).rejects.toBeInstanceOf(ForbiddenError);
    await changeConversation(db.fork(), room.studentId, room.workspaceId, { sharedWithClass: false });
    expect(accessChanges(room.workspaceId)).toBe(2);
  });

  test('a peer of an unshared workspace finds nothing; a class conversation has no sharing (400 on sharedWithClass)', async ({ db }) => {
    const room = await setup(db);
    await expect(setWorkspaceSharing(db.fork(), room.peerId, room.workspaceId, true)).rejects.toBeInstanceOf(NotFoundError);
    const conversation = await createConversation(db.fork(), { classId: room.classId, ownerId: room.studentId }, { title: 'Class talk' });
    await expect(changeConversation(db.fork(), room.studentId, conversation.id, { sharedWithClass: true })).rejects.toMatchObject({ field: 'sharedWithClass' });
    await expect(changeConversation(db.fork(), room.studentId, room.workspaceId, { sharedWithClass: 'yes' })).rejects.toMatchObject({ field: 'sharedWithClass' });
  });
});
