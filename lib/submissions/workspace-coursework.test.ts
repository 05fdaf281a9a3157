import { describe, expect } from 'vitest';
import { NotFoundError } from '@/lib/errors';
import { createConversation } from '@/lib/testing/factories';
import { test } from '@/lib/testing/test-database';
import { returnWorkspace, submitWorkspace } from './submission-administration';
import { createCourseworkClass, grantExtension, startedWorkspace } from './testing/coursework-fixtures';
import { courseworkForWorkspace } from './workspace-coursework';

const hour = 60 * 60 * 1000;

describe('courseworkForWorkspace', () => {
  test('its student: the activity with their due date and limits, the submission, and what they may do as it changes', async ({ db }) => {
    const coursework = await createCourseworkClass(db, {
      students: 1,
      activity: { dueAt: new Date(Date.now() - hour), responseMinWords: 100, responseMaxWords: 300, responseWordLimitHard: true, gradeOutOf: 20 },
    });
    const studentId = coursework.studentIds[0]!;
    const workspace = await startedWorkspace(db, coursework, studentId);
    const before = await courseworkForWorkspace(db.fork(), studentId, workspace);
    expect(before).toMatchObject({
      activity: { id: coursework.activityId, title: 'Critique the chat', gradeOutOf: 20, responseLimits: { min: 100, max: 300, hard: true }, allowLateSubmissions: true },
      submission: { conversationId: workspace, status: 'in_progress', grade: null },
      studentName: 'Student 01',
      isOwnStudent: true,
      isInstructor: false,
      sharedWithClass: false,
      may: { submit: true, unsubmit: false, return: false, share: true },
    });
    await grantExtension(db, coursework, studentId, new Date(Date.now() + hour));
    await db.sql('update activities set response_min_words = null, response_max_words = null where id = ?', [coursework.activityId]);
    await submitWorkspace(db.fork(), studentId, workspace);
    const submitted = await courseworkForWorkspace(db.fork(), studentId, workspace);
    expect(Date.parse(submitted?.activity.effectiveDueAt ?? '')).toBeGreaterThan(Date.now());
    expect(submitted).toMatchObject({ activity: { responseLimits: null }, submission: { status: 'submitted', late: false }, may: { submit: false, unsubmit: true } });
  });

  test('an instructor may return; a peer of a shared, anonymous workspace sees "Peer 1" and no grade or feedback; others find nothing', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 2, activity: { anonymousPeers: true, allowLateSubmissions: false, dueAt: new Date(Date.now() - hour) } });
    const [studentId, peerId] = coursework.studentIds as [string, string];
    const workspace = await startedWorkspace(db, coursework, studentId);
    await returnWorkspace(db.fork(), coursework.instructorId, workspace, { grade: 'B', feedback: 'See me.' });
    expect(await courseworkForWorkspace(db.fork(), coursework.instructorId, workspace)).toMatchObject({
      studentName: 'Student 01',
      isInstructor: true,
      submission: { status: 'returned', grade: 'B', feedback: 'See me.' },
      may: { submit: false, unsubmit: false, return: true, share: false },
    });
    // Past the due date where late work is not accepted: the student may not submit.
    expect((await courseworkForWorkspace(db.fork(), studentId, workspace))?.may.submit).toBe(false);
    await expect(courseworkForWorkspace(db.fork(), peerId, workspace)).rejects.toBeInstanceOf(NotFoundError);
    await db.sql('update conversations set shared_with_class = true where id = ?', [workspace]);
    expect(await courseworkForWorkspace(db.fork(), peerId, workspace)).toMatchObject({
      studentName: 'Peer 1',
      isOwnStudent: false,
      submission: { grade: null, feedback: '' },
      may: { submit: false, unsubmit: false, return: false, share: false },
    });
    await expect(courseworkForWorkspace(db.fork(), coursework.outsiderId, workspace)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('a class conversation has no coursework', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 1 });
    const conversation = await createConversation(db.fork(), { classId: coursework.classId, ownerId: coursework.studentIds[0]! }, { title: 'Talk' });
    expect(await courseworkForWorkspace(db.fork(), coursework.studentIds[0]!, conversation.id)).toBeNull();
  });
});
