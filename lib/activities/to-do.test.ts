import { describe, expect } from 'vitest';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { addMembership, createClass, createWorkspace } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createActivity, updateActivity } from './activity-administration';
import { setExtension } from './extensions';
import { startWorkspace } from './start-workspace';
import { createActivityClass, type ActivityClass } from './testing/activity-fixtures';
import { listToDo } from './to-do';

const hour = 60 * 60_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hour).toISOString();

async function publishedActivity(db: TestDatabase, setup: ActivityClass, fields: Record<string, unknown>) {
  const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { mode: 'individual', ...fields } as never);
  await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
  return activity;
}

describe('listToDo', () => {
  test("a student's open activities with their state, due date and lateness, soonest due first", async ({ db }) => {
    const setup = await createActivityClass(db);
    const [me, peer] = setup.studentIds as [string, string];
    const overdue = await publishedActivity(db, setup, { title: 'Overdue', opensAt: inHours(-48), dueAt: inHours(-1) });
    const extended = await publishedActivity(db, setup, { title: 'Extended', opensAt: inHours(-48), dueAt: inHours(-2) });
    const started = await publishedActivity(db, setup, { title: 'Started', dueAt: inHours(5) });
    const handedInLate = await publishedActivity(db, setup, { title: 'Handed in late', dueAt: inHours(10) });
    const returned = await publishedActivity(db, setup, { title: 'Returned', dueAt: inHours(20) });
    const together = await publishedActivity(db, setup, { title: 'Together', mode: 'class', dueAt: inHours(-3) });
    const undated = await publishedActivity(db, setup, { title: 'Undated' });
    await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Draft', mode: 'individual' });
    await publishedActivity(db, setup, { title: 'Not open yet', opensAt: inHours(3) });

    const myDueAt = inHours(30);
    await setExtension(db.fork(), setup.instructorId, extended.id, me, { dueAt: myDueAt });
    const { conversationId: startedId } = await startWorkspace(db.fork(), me, started.id);
    const late = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: me, activityId: handedInLate.id }, { status: 'submitted' });
    await db.sql('update submissions set late = true where conversation_id = ?', [late.id]);
    const back = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: me, activityId: returned.id }, { status: 'returned' });
    // A peer's work changes nothing of mine.
    await createWorkspace(db.fork(), { classId: setup.classId, ownerId: peer, activityId: overdue.id }, { status: 'submitted' });

    const items = await listToDo(db.fork(), me);
    // `late` is the contract's (submitted after the due date); `pastDue` is due and not handed in.
    expect(items.map((item) => [item.activityTitle, item.state, item.late, item.pastDue, item.conversationId])).toEqual([
      ['Together', 'not_started', false, false, together.sharedConversationId],
      ['Overdue', 'not_started', false, true, null],
      ['Started', 'in_progress', false, false, startedId],
      ['Handed in late', 'submitted', true, false, late.id],
      ['Returned', 'returned', false, false, back.id],
      ['Extended', 'not_started', false, false, null],
      ['Undated', 'not_started', false, false, null],
    ]);
    expect(items.find((item) => item.activityId === extended.id)?.dueAt).toBe(myDueAt);
    expect(items.every((item) => item.classId === setup.classId && item.className === 'Activities class')).toBe(true);
    expect(undated.id).toBe(items.at(-1)?.activityId);
  });

  test('only classes where the user is a student and that are live; a class filter; one query', async ({ db }) => {
    const setup = await createActivityClass(db);
    const me = setup.studentIds[0]!;
    await publishedActivity(db, setup, { title: 'Here' });
    const second = await createClass(db.fork(), setup.instructorId, { name: 'Second class' });
    await addMembership(db.fork(), { userId: me, classId: second.id, role: 'student' });
    const there = await createActivity(db.fork(), setup.instructorId, second.id, { title: 'There', mode: 'individual' });
    await updateActivity(db.fork(), setup.instructorId, there.id, { published: true });
    // Where I teach, nothing is mine to do.
    const taught = await createClass(db.fork(), me, { name: 'My own class' });
    const mine = await createActivity(db.fork(), me, taught.id, { title: 'I teach this', mode: 'individual' });
    await updateActivity(db.fork(), me, mine.id, { published: true });

    const { result, queries } = await db.recordQueries(() => listToDo(db.fork(), me));
    expect(result.map((item) => item.activityTitle).sort()).toEqual(['Here', 'There']);
    expect(queries).toHaveLength(1);
    expect((await listToDo(db.fork(), me, { classId: second.id })).map((item) => item.activityTitle)).toEqual(['There']);
    expect(await listToDo(db.fork(), setup.instructorId)).toEqual([]);
    expect(await listToDo(db.fork(), setup.outsiderId, { classId: setup.classId })).toEqual([]);
    await changeClassAsInstructor(db.fork(), setup.instructorId, second.id, { archived: true });
    expect((await listToDo(db.fork(), me)).map((item) => item.activityTitle)).toEqual(['Here']);
  });
});
