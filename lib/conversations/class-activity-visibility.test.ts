import { afterEach, describe, expect } from 'vitest';
import { createActivity, updateActivity } from '@/lib/activities/activity-administration';
import { createActivityClass, createSourceConversation } from '@/lib/activities/testing/activity-fixtures';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { test } from '@/lib/testing/test-database';
import { browseClassConversations } from './browse-class-conversations';
import { requireConversationMember } from './conversation-access';
import { restoreConversation } from './conversation-trash';

/*
 * A whole-class activity's conversation is a class conversation, but not before its activity
 * is open to students: until it is published and its opening has passed, students neither
 * find it in the list or search nor open it (404, as for any they may not see); instructors do.
 */

const unsubscribes: Array<() => void> = [];
afterEach(() => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
});

describe('a whole-class activity’s conversation', () => {
  test('is hidden from students until the activity is published and open, then theirs like any class conversation; instructors see it all along', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const sourceId = await createSourceConversation(db, setup.classId, setup.instructorId);
    const inAWeek = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Quartzlemon debate', mode: 'class', templateConversationId: sourceId, opensAt: inAWeek });
    const sharedId = activity.sharedConversationId!;
    const listed = async (userId: string, q?: string) => (await browseClassConversations(db.fork(), userId, setup.classId, { q })).items.map((item) => item.id);

    expect(await listed(setup.instructorId)).toContain(sharedId);
    expect(await listed(setup.instructorId, 'Quartzlemon')).toContain(sharedId);
    expect((await requireConversationMember(db.fork(), setup.instructorId, sharedId)).canEdit).toBe(true);
    for (const state of ['unpublished', 'published, opening next week'] as const) {
      if (state !== 'unpublished') await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
      expect(await listed(student), state).not.toContain(sharedId);
      expect(await listed(student, 'Quartzlemon'), state).not.toContain(sharedId);
      await expect(requireConversationMember(db.fork(), student, sharedId), state).rejects.toBeInstanceOf(NotFoundError);
    }

    const events: DomainEvent[] = [];
    unsubscribes.push(subscribeToDomainEvents((event) => events.push(event)));
    await updateActivity(db.fork(), setup.instructorId, activity.id, { opensAt: null });
    expect(await listed(student)).toContain(sharedId);
    expect(await listed(student, 'Quartzlemon')).toContain(sharedId);
    expect((await requireConversationMember(db.fork(), student, sharedId)).canEdit).toBe(true);
    // Opened: the class's open connections are decided again (and so on unpublishing).
    expect(events).toContainEqual({ type: 'activity.visibility-changed', classId: setup.classId });
    await updateActivity(db.fork(), setup.instructorId, activity.id, { published: false });
    expect(events.filter((event) => event.type === 'activity.visibility-changed')).toHaveLength(2);
    await expect(requireConversationMember(db.fork(), student, sharedId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('restoring a whole-class activity’s conversation', () => {
  test('is 404 to a student while the activity is hidden from them (no oracle), as a conversation that does not exist', async ({ db }) => {
    const setup = await createActivityClass(db);
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Hidden together', mode: 'class' });
    await expect(restoreConversation(db.fork(), setup.studentIds[0]!, activity.sharedConversationId!)).rejects.toBeInstanceOf(NotFoundError);
    await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
    // Visible now: not in the trash, which it may be told.
    await expect(restoreConversation(db.fork(), setup.studentIds[0]!, activity.sharedConversationId!)).rejects.toBeInstanceOf(ConflictError);
  });
});
