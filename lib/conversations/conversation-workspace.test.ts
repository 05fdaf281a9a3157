import { describe, expect } from 'vitest';
import { addMembership, createActivityRow, createClass, createWorkspace } from '@/lib/testing/factories';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { setVocabularyLocked } from '@/lib/vocabularies/vocabulary-administration';
import { loadConversationWorkspace } from './conversation-workspace';

describe('loadConversationWorkspace: mayAddTags', () => {
  test('is false for the student of a workspace whose tags are locked, true for its instructor and once opened', async ({ db }) => {
    const instructor = await createUser(db.fork(), { email: 'ada@example.com' });
    const student = await createUser(db.fork(), { email: 'bo@example.com' });
    const { id: classId } = await createClass(db.fork(), instructor.id, { name: 'C' });
    await addMembership(db.fork(), { userId: student.id, classId, role: 'student' });
    const { id: activityId } = await createActivityRow(db.fork(), { classId, createdById: instructor.id });
    const workspace = await createWorkspace(db.fork(), { classId, ownerId: student.id, activityId });
    const mayAddTags = async (userId: string) => (await loadConversationWorkspace(db.fork(), userId, workspace.id)).mayAddTags;
    expect(await mayAddTags(student.id)).toBe(true);
    await setVocabularyLocked(db.fork(), instructor.id, { activityId }, { locked: true });
    expect(await mayAddTags(student.id)).toBe(false);
    expect(await mayAddTags(instructor.id)).toBe(true);
    await setVocabularyLocked(db.fork(), instructor.id, { activityId }, { locked: false });
    expect(await mayAddTags(student.id)).toBe(true);
  });
});
