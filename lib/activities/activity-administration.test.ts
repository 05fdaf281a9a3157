import { describe, expect } from 'vitest';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { browseClassConversations } from '@/lib/conversations/browse-class-conversations';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { documentLayout } from '@/lib/sync/document-layout';
import { createWorkspace } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createActivity, getActivity, listClassActivities, updateActivity } from './activity-administration';
import { setExtension } from './extensions';
import { clientBindings, createActivityClass, createSourceConversation, HIGHLIGHT_ID, storedDocument, tagNames, type ActivityClass } from './testing/activity-fixtures';

const hour = 60 * 60_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hour).toISOString();

async function conversationRow(db: TestDatabase, id: string) {
  const [row] = await db.sql<{ kind: string; activity_id: string | null; owner_id: string; class_id: string; title: string; raw_text: string; tags_locked: boolean }>(
    'select kind, activity_id, owner_id, class_id, title, raw_text, tags_locked from conversations where id = ?',
    [id],
  );
  return row;
}

async function published(db: TestDatabase, setup: ActivityClass, fields: Record<string, unknown> = {}) {
  const created = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Critique', mode: 'individual', ...fields });
  await updateActivity(db.fork(), setup.instructorId, created.id, { published: true });
  return created;
}

describe('createActivity', () => {
  test('an instructor posts an individual activity, unpublished, whose template is a copy of a class conversation', async ({ db }) => {
    const setup = await createActivityClass(db);
    const sourceId = await createSourceConversation(db, setup.classId, setup.instructorId);
    const created = await createActivity(db.fork(), setup.instructorId, setup.classId, {
      title: ' Critique the chat ',
      instructions: 'Read **carefully**.',
      mode: 'individual',
      templateConversationId: sourceId,
      dueAt: inHours(48),
    });
    expect(created).toMatchObject({ classId: setup.classId, title: 'Critique the chat', mode: 'individual', published: false, instructionsHtml: '<p>Read <strong>carefully</strong>.</p>', sharedConversationId: null });
    expect(created.templateConversationId).not.toBe(sourceId);

    const templateId = created.templateConversationId as string;
    expect(await conversationRow(db, templateId)).toMatchObject({ kind: 'template', activity_id: created.id, owner_id: setup.instructorId, class_id: setup.classId, title: 'Critique the chat' });
    const [template, source] = [await storedDocument(db, templateId), await storedDocument(db, sourceId)];
    expect(template.getXmlFragment(documentLayout.content).toString()).toBe(source.getXmlFragment(documentLayout.content).toString());
    // The highlight was in the source's log, not yet compacted: the copy has it.
    expect(template.getMap(documentLayout.annotations).has(HIGHLIGHT_ID)).toBe(true);
    expect(tagNames(template)).toEqual(tagNames(source));
    expect(await clientBindings(db, templateId)).toEqual(await clientBindings(db, sourceId));
    expect((await conversationRow(db, templateId))?.raw_text).toContain('Yes, mostly cheddar.');

    // Kept out of the class's list.
    const list = await browseClassConversations(db.fork(), setup.instructorId, setup.classId, {});
    expect(list.items.map((item) => item.id)).toEqual([sourceId]);
  });

  test('without a template, an individual activity gets an empty one (one turn to type in, no tags)', async ({ db }) => {
    const setup = await createActivityClass(db);
    const created = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Write', mode: 'individual' });
    const templateId = created.templateConversationId as string;
    expect(await conversationRow(db, templateId)).toMatchObject({ kind: 'template', activity_id: created.id, owner_id: setup.instructorId, raw_text: '' });
    const doc = await storedDocument(db, templateId);
    expect(doc.getXmlFragment(documentLayout.content).length).toBe(1);
    expect(tagNames(doc)).toEqual([]);
    // What the server wrote is bound to the instructor.
    expect((await clientBindings(db, templateId)).map((row) => row.user_id)).toEqual([setup.instructorId]);
  });

  test('a class activity gets its one shared conversation, in the class list, copied from the template when given', async ({ db }) => {
    const setup = await createActivityClass(db);
    const sourceId = await createSourceConversation(db, setup.classId, setup.instructorId);
    const copied = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Together', mode: 'class', templateConversationId: sourceId, tagsLocked: true });
    expect(copied.templateConversationId).toBeNull();
    const sharedId = copied.sharedConversationId as string;
    expect(await conversationRow(db, sharedId)).toMatchObject({ kind: 'conversation', activity_id: copied.id, tags_locked: true });
    expect((await storedDocument(db, sharedId)).getMap(documentLayout.annotations).has(HIGHLIGHT_ID)).toBe(true);

    const empty = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Blank together', mode: 'class' });
    // An empty one gets the class's tags (the defaults, with no vocabulary) to highlight with.
    expect(tagNames(await storedDocument(db, empty.sharedConversationId as string)).length).toBeGreaterThan(0);
    const listed = async (userId: string) => (await browseClassConversations(db.fork(), userId, setup.classId, {})).items.map((item) => item.id).sort();
    // Instructors see both at once; students once each activity is published (and open).
    expect(await listed(setup.instructorId)).toEqual([sourceId, sharedId, empty.sharedConversationId].sort());
    expect(await listed(setup.studentIds[0]!)).toEqual([sourceId]);
    await updateActivity(db.fork(), setup.instructorId, copied.id, { published: true });
    await updateActivity(db.fork(), setup.instructorId, empty.id, { published: true });
    expect(await listed(setup.studentIds[0]!)).toEqual([sourceId, sharedId, empty.sharedConversationId].sort());
  });

  test('only instructors of a live class create activities', async ({ db }) => {
    const setup = await createActivityClass(db);
    const input = { title: 'Nope', mode: 'individual' as const };
    await expect(createActivity(db.fork(), setup.studentIds[0]!, setup.classId, input)).rejects.toThrow(ForbiddenError);
    await expect(createActivity(db.fork(), setup.outsiderId, setup.classId, input)).rejects.toThrow(NotFoundError);
    await expect(createActivity(db.fork(), setup.instructorId, 'not-a-uuid', input)).rejects.toThrow(NotFoundError);
    await changeClassAsInstructor(db.fork(), setup.instructorId, setup.classId, { archived: true });
    await expect(createActivity(db.fork(), setup.instructorId, setup.classId, input)).rejects.toThrow(ConflictError);
    expect(await db.sql('select id from activities')).toEqual([]);
    expect(await db.sql(`select id from conversations where kind <> 'conversation'`)).toEqual([]);
  });

  test('the template must be a class conversation of the same class', async ({ db }) => {
    const setup = await createActivityClass(db);
    const otherClassConversation = await createSourceConversation(db, setup.otherClassId, setup.outsiderId);
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'First', mode: 'individual' });
    const workspace = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: setup.studentIds[0]!, activityId: activity.id });
    const refusal = new InvalidError('templateConversationId', 'templateConversationId must be a conversation of this class');
    for (const templateConversationId of [otherClassConversation, activity.templateConversationId, workspace.id, '00000000-0000-4000-8000-000000000000']) {
      await expect(createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Copy', mode: 'individual', templateConversationId })).rejects.toThrow(refusal);
    }
    await expect(createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Copy', mode: 'individual', templateConversationId: 'x' })).rejects.toMatchObject({
      field: 'templateConversationId',
    });
  });

  test.for([
    ['an empty title', { title: '  ' }, 'title'],
    ['a title too long', { title: 'x'.repeat(301) }, 'title'],
    ['an unknown mode', { mode: 'group' }, 'mode'],
    ['no mode', { mode: undefined }, 'mode'],
    ['instructions too long', { instructions: 'x'.repeat(20_001) }, 'instructions'],
    ['instructions with NUL', { instructions: 'nul \u0000' }, 'instructions'],
    ['an opening date that is no date', { opensAt: 'tomorrow' }, 'opensAt'],
    ['a due date that is a number', { dueAt: 12 }, 'dueAt'],
    ['due before opening', { opensAt: '2030-01-02T00:00:00Z', dueAt: '2030-01-01T00:00:00Z' }, 'dueAt'],
    ['due at the opening', { opensAt: '2030-01-01T00:00:00Z', dueAt: '2030-01-01T00:00:00Z' }, 'dueAt'],
    ['a minimum above the maximum', { responseMinWords: 500, responseMaxWords: 100 }, 'responseMaxWords'],
    ['a negative minimum', { responseMinWords: -1 }, 'responseMinWords'],
    ['a fractional maximum', { responseMaxWords: 1.5 }, 'responseMaxWords'],
    ['a maximum too high', { responseMaxWords: 30_001 }, 'responseMaxWords'],
    ['a grade out of 0', { gradeOutOf: 0 }, 'gradeOutOf'],
    ['a grade out of 1001', { gradeOutOf: 1001 }, 'gradeOutOf'],
    ['a grade maximum as text', { gradeOutOf: '10' }, 'gradeOutOf'],
    ['a flag as text', { allowLateSubmissions: 'yes' }, 'allowLateSubmissions'],
  ] as const)('%s is refused on its field', async ([, change, field], { db }) => {
    const setup = await createActivityClass(db, { students: 0 });
    await expect(createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Fine', mode: 'individual', ...change } as never)).rejects.toMatchObject({ code: 'invalid', field });
    expect(await db.sql('select id from activities')).toEqual([]);
  });

  test('instructions of exactly the limit are taken', async ({ db }) => {
    const setup = await createActivityClass(db, { students: 0 });
    const created = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Long', mode: 'individual', instructions: 'x'.repeat(20_000) });
    expect(created.instructions).toHaveLength(20_000);
  });
});

describe('updateActivity', () => {
  test('an instructor changes settings and publishes; rules hold against what is stored', async ({ db }) => {
    const setup = await createActivityClass(db);
    const created = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Draft', mode: 'individual', opensAt: inHours(1), dueAt: inHours(48), responseMaxWords: 300 });
    const changed = await updateActivity(db.fork(), setup.instructorId, created.id, { title: 'Final', published: true, gradeOutOf: 20, responseWordLimitHard: true, instructions: '# Go' });
    expect(changed).toMatchObject({ title: 'Final', published: true, gradeOutOf: 20, responseWordLimitHard: true, responseMaxWords: 300, instructionsHtml: '<h1>Go</h1>' });

    await expect(updateActivity(db.fork(), setup.instructorId, created.id, { opensAt: inHours(72) })).rejects.toThrow(new InvalidError('opensAt', 'opensAt must be before dueAt'));
    await expect(updateActivity(db.fork(), setup.instructorId, created.id, { dueAt: inHours(0.5) })).rejects.toThrow(new InvalidError('dueAt', 'dueAt must be after opensAt'));
    await expect(updateActivity(db.fork(), setup.instructorId, created.id, { responseMinWords: 301 })).rejects.toThrow(
      new InvalidError('responseMinWords', 'responseMinWords must be at most responseMaxWords'),
    );
    await expect(updateActivity(db.fork(), setup.instructorId, created.id, { gradeOutOf: 1001 })).rejects.toMatchObject({ field: 'gradeOutOf' });
    await expect(updateActivity(db.fork(), setup.instructorId, created.id, 'nonsense' as never)).rejects.toMatchObject({ field: 'body' });
    // Clearing the opening date lifts the date rule; null clears a limit.
    expect(await updateActivity(db.fork(), setup.instructorId, created.id, { opensAt: null, responseMaxWords: null, responseMinWords: 400 })).toMatchObject({
      opensAt: null,
      responseMaxWords: null,
      responseMinWords: 400,
    });
    const [row] = await db.sql<{ title: string; opens_at: Date | null }>('select title, opens_at from activities where id = ?', [created.id]);
    expect(row).toEqual({ title: 'Final', opens_at: null });
  });

  test('students cannot change an activity, others cannot find it, an archived class is read-only', async ({ db }) => {
    const setup = await createActivityClass(db);
    const draft = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Draft', mode: 'individual' });
    const live = await published(db, setup);
    await expect(updateActivity(db.fork(), setup.studentIds[0]!, live.id, { title: 'Mine' })).rejects.toThrow(ForbiddenError);
    await expect(updateActivity(db.fork(), setup.studentIds[0]!, draft.id, { published: true })).rejects.toThrow(NotFoundError);
    await expect(updateActivity(db.fork(), setup.outsiderId, live.id, { title: 'Mine' })).rejects.toThrow(NotFoundError);
    await changeClassAsInstructor(db.fork(), setup.instructorId, setup.classId, { archived: true });
    await expect(updateActivity(db.fork(), setup.instructorId, live.id, { title: 'Late' })).rejects.toThrow(ConflictError);
    expect(await db.sql('select title from activities order by title')).toEqual([{ title: 'Critique' }, { title: 'Draft' }]);
  });
});

describe('listClassActivities and getActivity', () => {
  test('students see published activities once open; instructors see all', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const draft = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Draft', mode: 'individual' });
    const future = await published(db, setup, { title: 'Future', opensAt: inHours(2) });
    const open = await published(db, setup, { title: 'Open', opensAt: inHours(-2), dueAt: inHours(24) });
    const undated = await published(db, setup, { title: 'Undated' });

    const forInstructor = await listClassActivities(db.fork(), setup.instructorId, setup.classId);
    expect(forInstructor.map((activity) => activity.title).sort()).toEqual(['Draft', 'Future', 'Open', 'Undated']);
    expect(forInstructor.every((activity) => activity.role === 'instructor' && activity.workspace === null)).toBe(true);
    expect(forInstructor.find((activity) => activity.id === future.id)).toMatchObject({ open: false, published: true });

    const forStudent = await listClassActivities(db.fork(), student, setup.classId);
    // Soonest due first, undated last.
    expect(forStudent.map((activity) => activity.title)).toEqual(['Open', 'Undated']);
    expect(forStudent[0]).toMatchObject({ role: 'student', open: true, workspace: null, templateConversationId: null, sharedWorkspaces: [] });

    expect(await getActivity(db.fork(), student, open.id)).toMatchObject({ id: open.id, title: 'Open' });
    expect(await getActivity(db.fork(), setup.instructorId, draft.id)).toMatchObject({ id: draft.id, published: false });
    expect((await getActivity(db.fork(), setup.instructorId, draft.id)).templateConversationId).not.toBeNull();
    for (const hidden of [draft.id, future.id]) await expect(getActivity(db.fork(), student, hidden)).rejects.toThrow(NotFoundError);
    await expect(getActivity(db.fork(), setup.outsiderId, undated.id)).rejects.toThrow(NotFoundError);
    await expect(getActivity(db.fork(), student, 'nope')).rejects.toThrow(NotFoundError);
    await expect(listClassActivities(db.fork(), setup.outsiderId, setup.classId)).rejects.toThrow(NotFoundError);
  });

  test("a student's view carries their workspace, their extension and peers' shared workspaces, as Peer N when anonymous", async ({ db }) => {
    const setup = await createActivityClass(db, { students: 3 });
    const [me, first, second] = setup.studentIds as [string, string, string];
    const named = await published(db, setup, { title: 'Named', dueAt: inHours(24) });
    const anonymous = await published(db, setup, { title: 'Anonymous', anonymousPeers: true });
    // Started in the order first, me, second: peer numbers 1, 2, 3.
    const firstNamed = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: first, activityId: named.id }, { sharedWithClass: true });
    const mine = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: me, activityId: named.id }, { sharedWithClass: true, status: 'submitted' });
    const secondNamed = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: second, activityId: named.id });
    const firstAnonymous = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: first, activityId: anonymous.id }, { sharedWithClass: true });
    const mineAnonymous = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: me, activityId: anonymous.id });
    const secondAnonymous = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: second, activityId: anonymous.id }, { sharedWithClass: true });
    // Start order decides peer numbers; made a minute apart, so no two share a millisecond.
    const startOrder = [firstNamed.id, mine.id, secondNamed.id, firstAnonymous.id, mineAnonymous.id, secondAnonymous.id];
    for (const [index, conversationId] of startOrder.entries()) {
      await db.sql(`update submissions set created_at = now() - make_interval(mins => ?) where conversation_id = ?`, [100 - index, conversationId]);
    }
    const extended = inHours(72);
    await setExtension(db.fork(), setup.instructorId, named.id, me, { dueAt: extended });

    const view = await getActivity(db.fork(), me, named.id);
    expect(view.workspace).toMatchObject({ conversationId: mine.id, status: 'submitted', late: false, grade: null, feedback: '' });
    expect(view.effectiveDueAt).toBe(extended);
    expect(view.dueAt).not.toBe(extended);
    expect(view.sharedWorkspaces).toEqual([{ conversationId: firstNamed.id, ownerLabel: 'Student 02' }]);

    const anonymousView = await getActivity(db.fork(), me, anonymous.id);
    expect(anonymousView.sharedWorkspaces).toEqual([
      { conversationId: firstAnonymous.id, ownerLabel: 'Peer 1' },
      { conversationId: secondAnonymous.id, ownerLabel: 'Peer 3' },
    ]);
    expect((await getActivity(db.fork(), setup.instructorId, anonymous.id)).sharedWorkspaces).toEqual([]);

    // A student who left the class is no peer any more: their shared work is not listed (the others keep their numbers).
    await db.sql('delete from memberships where user_id = ? and class_id = ?', [first, setup.classId]);
    expect((await getActivity(db.fork(), me, anonymous.id)).sharedWorkspaces).toEqual([{ conversationId: secondAnonymous.id, ownerLabel: 'Peer 3' }]);
    expect((await getActivity(db.fork(), me, named.id)).sharedWorkspaces).toEqual([]);
  });

  test('the list costs the same number of queries for 2 activities as for 12', async ({ db }) => {
    const setup = await createActivityClass(db, { students: 3 });
    const count = async () => (await db.recordQueries(() => listClassActivities(db.fork(), setup.studentIds[0]!, setup.classId))).queries.length;
    for (let n = 0; n < 2; n++) {
      const activity = await published(db, setup, { title: `A${n}` });
      await createWorkspace(db.fork(), { classId: setup.classId, ownerId: setup.studentIds[n]!, activityId: activity.id }, { sharedWithClass: true });
    }
    const few = await count();
    for (let n = 2; n < 12; n++) {
      const activity = await published(db, setup, { title: `A${n}` });
      await createWorkspace(db.fork(), { classId: setup.classId, ownerId: setup.studentIds[n % 3]!, activityId: activity.id }, { sharedWithClass: true });
    }
    expect(await count()).toBe(few);
    expect((await listClassActivities(db.fork(), setup.studentIds[0]!, setup.classId)).length).toBe(12);
  });

  test('instructions come out as sanitised HTML', async ({ db }) => {
    const setup = await createActivityClass(db, { students: 1 });
    const activity = await published(db, setup, { instructions: '[x](javascript:alert(1)) <script>alert(1)</script>' });
    const view = await getActivity(db.fork(), setup.studentIds[0]!, activity.id);
    expect(view.instructionsHtml).toBe('<p>x &lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });
});

describe('updateActivity tagsLocked', () => {
  test("locks the activity's vocabulary with the workspaces already started, and opens it again", async ({ db }) => {
    const setup = await createActivityClass(db);
    const activity = await published(db, setup);
    const workspace = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: setup.studentIds[0]!, activityId: activity.id });
    expect(await updateActivity(db.fork(), setup.instructorId, activity.id, { tagsLocked: true })).toMatchObject({ tagsLocked: true });
    expect(await db.sql('select tags_locked from conversations where id = ?', [workspace.id])).toEqual([{ tags_locked: true }]);
    expect(await db.sql('select tags_locked from activities where id = ?', [activity.id])).toEqual([{ tags_locked: true }]);
    expect(await updateActivity(db.fork(), setup.instructorId, activity.id, { tagsLocked: false, title: 'Renamed' })).toMatchObject({ tagsLocked: false, title: 'Renamed' });
    expect(await db.sql('select tags_locked from conversations where id = ?', [workspace.id])).toEqual([{ tags_locked: false }]);
    await expect(updateActivity(db.fork(), setup.studentIds[0]!, activity.id, { tagsLocked: true })).rejects.toThrow(ForbiddenError);
  });
});
