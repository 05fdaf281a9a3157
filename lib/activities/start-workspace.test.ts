import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { changeClassAsInstructor } from '@/lib/classes/class-administration';
import { requireConversationMember } from '@/lib/conversations/conversation-access';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { documentLayout } from '@/lib/sync/document-layout';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createVocabularyTag, setVocabularyLocked } from '@/lib/vocabularies/vocabulary-administration';
import { createActivity, updateActivity } from './activity-administration';
import { setExtension } from './extensions';
import { startWorkspace } from './start-workspace';
import { clientBindings, createActivityClass, createSourceConversation, HIGHLIGHT_ID, storedDocument, tagNames, writeDocument, type ActivityClass } from './testing/activity-fixtures';

const hour = 60 * 60_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hour).toISOString();

/** A published individual activity whose template is a copy of an annotated class conversation. */
async function activityWithTemplate(db: TestDatabase, setup: ActivityClass, fields: Record<string, unknown> = {}) {
  const sourceId = await createSourceConversation(db, setup.classId, setup.instructorId);
  const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Critique the chat', mode: 'individual', templateConversationId: sourceId, ...fields });
  await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
  return { activityId: activity.id, templateId: activity.templateConversationId as string };
}

async function counts(db: TestDatabase, activityId: string) {
  const [row] = await db.sql<{ workspaces: number; submissions: number }>(
    `select (select count(*)::int from conversations where activity_id = ? and kind = 'workspace') as workspaces,
            (select count(*)::int from submissions where activity_id = ?) as submissions`,
    [activityId, activityId],
  );
  return row;
}

describe('startWorkspace', () => {
  test('a lock of the vocabulary set while students are starting reaches every workspace made', async ({ db }) => {
    const setup = await createActivityClass(db, { students: 12 });
    const { activityId } = await activityWithTemplate(db, setup);
    const starts = setup.studentIds.map((student) => startWorkspace(db.fork(), student, activityId));
    const lock = setVocabularyLocked(db.fork(), setup.instructorId, { activityId }, { locked: true });
    await Promise.all([...starts, lock]);
    const rows = await db.sql<{ tags_locked: boolean }>("select tags_locked from conversations where activity_id = ? and kind = 'workspace'", [activityId]);
    expect(rows).toHaveLength(12);
    expect(rows.every((row) => row.tags_locked)).toBe(true);
  });

  test("copies the template's content, annotations, tags and client bindings into a private workspace with its submission", async ({ db }) => {
    const setup = await createActivityClass(db);
    const [student, peer] = setup.studentIds as [string, string];
    const { activityId, templateId } = await activityWithTemplate(db, setup);
    // An instructor's edit of the template, still in its log: the copy takes it too.
    await writeDocument(db, templateId, (doc) => doc.getMap<Y.Map<unknown>>(documentLayout.tags).set('template-tag', new Y.Map([['name', 'from the template'], ['color', '#bbf7d0']])));

    const { conversationId } = await startWorkspace(db.fork(), student, activityId);
    const [row] = await db.sql<Record<string, unknown>>('select kind, activity_id, owner_id, class_id, title, raw_text, tags_locked, shared_with_class from conversations where id = ?', [conversationId]);
    expect(row).toMatchObject({ kind: 'workspace', activity_id: activityId, owner_id: student, class_id: setup.classId, title: 'Critique the chat', tags_locked: false, shared_with_class: false });
    expect(row?.raw_text).toBe('User: Is the moon made of cheese?\n\nAssistant: Yes, mostly cheddar.');
    expect(await db.sql('select student_id, status, submitted_at, late from submissions where conversation_id = ?', [conversationId])).toEqual([
      { student_id: student, status: 'in_progress', submitted_at: null, late: false },
    ]);

    const [workspace, template] = [await storedDocument(db, conversationId), await storedDocument(db, templateId)];
    expect(workspace.getXmlFragment(documentLayout.content).toString()).toBe(template.getXmlFragment(documentLayout.content).toString());
    const highlight = workspace.getMap<Y.Map<unknown>>(documentLayout.annotations).get(HIGHLIGHT_ID);
    expect(highlight?.get('authorId')).toBe(setup.instructorId);
    expect((highlight?.get('comments') as Y.Array<Y.Map<unknown>>).get(0).get('text')).toBe('Not cheddar.');
    expect(tagNames(workspace)).toEqual(tagNames(template));
    expect(tagNames(workspace)).toContain('from the template');
    // The overview's summary holds from the start: the template's highlight and comment, its author's characters.
    const [summary] = await db.sql<{ highlight_count: number; comment_count: number; author_characters: Record<string, number>; last_edited_at: Date | null }>(
      'select highlight_count, comment_count, author_characters, last_edited_at from conversations where id = ?',
      [conversationId],
    );
    expect(summary).toMatchObject({ highlight_count: 1, comment_count: 1, last_edited_at: null });
    expect(Object.keys(summary?.author_characters ?? {})).toEqual([setup.instructorId]);
    // Every client id of the template stays bound to its author in the copy.
    expect(await clientBindings(db, conversationId)).toEqual(await clientBindings(db, templateId));

    // Private: its student and the instructors, nobody else.
    await expect(requireConversationMember(db.fork(), student, conversationId)).resolves.toMatchObject({ isOwner: true });
    await expect(requireConversationMember(db.fork(), setup.instructorId, conversationId)).resolves.toMatchObject({ role: 'instructor' });
    await expect(requireConversationMember(db.fork(), peer, conversationId)).rejects.toThrow(NotFoundError);
  });

  test('later edits of the template do not reach workspaces already made; later starts get them', async ({ db }) => {
    const setup = await createActivityClass(db);
    const [early, late] = setup.studentIds as [string, string];
    const { activityId, templateId } = await activityWithTemplate(db, setup);
    const before = await startWorkspace(db.fork(), early, activityId);
    await writeDocument(db, templateId, (doc) => {
      doc.getMap(documentLayout.annotations).delete(HIGHLIGHT_ID);
      doc.getMap<Y.Map<unknown>>(documentLayout.tags).set('added-later', new Y.Map([['name', 'added later'], ['color', '#fecaca']]));
    });
    const after = await startWorkspace(db.fork(), late, activityId);

    const earlyDoc = await storedDocument(db, before.conversationId);
    expect(earlyDoc.getMap(documentLayout.annotations).has(HIGHLIGHT_ID)).toBe(true);
    expect(tagNames(earlyDoc)).not.toContain('added later');
    const lateDoc = await storedDocument(db, after.conversationId);
    expect(lateDoc.getMap(documentLayout.annotations).has(HIGHLIGHT_ID)).toBe(false);
    expect(tagNames(lateDoc)).toContain('added later');
  });

  test("the activity's vocabulary and its lock come into the workspace, bound to the instructor", async ({ db }) => {
    const setup = await createActivityClass(db);
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Tagged', mode: 'individual' });
    await createVocabularyTag(db.fork(), setup.instructorId, { activityId: activity.id }, { name: 'Claim', color: '#bfdbfe', group: 'Argument' });
    await createVocabularyTag(db.fork(), setup.instructorId, { activityId: activity.id }, { name: 'Evidence', color: '#fde68a', group: 'Argument' });
    await setVocabularyLocked(db.fork(), setup.instructorId, { activityId: activity.id }, { locked: true });
    await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });

    const { conversationId } = await startWorkspace(db.fork(), setup.studentIds[0]!, activity.id);
    const doc = await storedDocument(db, conversationId);
    expect(tagNames(doc)).toEqual(['Claim', 'Evidence']);
    expect([...doc.getMap<Y.Map<unknown>>(documentLayout.tags).values()].map((tag) => tag.get('group'))).toEqual(['Argument', 'Argument']);
    expect(await db.sql('select tags_locked from conversations where id = ?', [conversationId])).toEqual([{ tags_locked: true }]);
    // The empty template's writer and the vocabulary's are both the instructor.
    const bindings = await clientBindings(db, conversationId);
    expect(new Set(bindings.map((binding) => binding.user_id))).toEqual(new Set([setup.instructorId]));
    expect(bindings.map((binding) => Number(binding.client_id)).sort()).toEqual([...doc.store.clients.keys()].sort());
  });

  test('with no vocabulary and a template without tags, a workspace gets the default tags', async ({ db }) => {
    const setup = await createActivityClass(db);
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Blank', mode: 'individual' });
    await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
    const { conversationId } = await startWorkspace(db.fork(), setup.studentIds[0]!, activity.id);
    const doc = await storedDocument(db, conversationId);
    expect(tagNames(doc)).toEqual(['effective', 'good structure', 'hallucination', 'ineffective']);
    expect(doc.getXmlFragment(documentLayout.content).length).toBe(1);
  });

  test('calling again gives the same workspace', async ({ db }) => {
    const setup = await createActivityClass(db);
    const { activityId } = await activityWithTemplate(db, setup);
    const first = await startWorkspace(db.fork(), setup.studentIds[0]!, activityId);
    expect(await startWorkspace(db.fork(), setup.studentIds[0]!, activityId)).toEqual(first);
    expect(await counts(db, activityId)).toEqual({ workspaces: 1, submissions: 1 });
  });

  test('30 simultaneous starts by one student make one workspace and one submission, and leave no other conversation', async ({ db }) => {
    const setup = await createActivityClass(db);
    const { activityId } = await activityWithTemplate(db, setup);
    const [{ conversations: before }] = (await db.sql<{ conversations: number }>('select count(*)::int as conversations from conversations')) as [{ conversations: number }];
    const results = await Promise.all(Array.from({ length: 30 }, () => startWorkspace(db.fork(), setup.studentIds[0]!, activityId)));
    expect(new Set(results.map((result) => result.conversationId)).size).toBe(1);
    expect(await counts(db, activityId)).toEqual({ workspaces: 1, submissions: 1 });
    expect(await db.sql('select count(*)::int as conversations from conversations')).toEqual([{ conversations: before + 1 }]);
    // No bindings were left for a conversation that was rolled back.
    expect(await db.sql('select count(*)::int as orphans from conversation_clients where conversation_id not in (select id from conversations)')).toEqual([{ orphans: 0 }]);
  });

  test('50 students starting at once get 50 workspaces of their own', async ({ db }) => {
    const setup = await createActivityClass(db, { students: 50 });
    const { activityId } = await activityWithTemplate(db, setup);
    const results = await Promise.all(setup.studentIds.map((studentId) => startWorkspace(db.fork(), studentId, activityId)));
    expect(new Set(results.map((result) => result.conversationId)).size).toBe(50);
    expect(await counts(db, activityId)).toEqual({ workspaces: 50, submissions: 50 });
    const owners = await db.sql<{ owner_id: string; student_id: string }>(
      `select c.owner_id, s.student_id from submissions s join conversations c on c.id = s.conversation_id where s.activity_id = ?`,
      [activityId],
    );
    expect(owners.every((row) => row.owner_id === row.student_id)).toBe(true);
    expect(new Set(owners.map((row) => row.owner_id))).toEqual(new Set(setup.studentIds));
  });

  test('instructors open the template instead; non-members, unpublished and unopened activities are not found', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const { activityId } = await activityWithTemplate(db, setup);
    await expect(startWorkspace(db.fork(), setup.instructorId, activityId)).rejects.toThrow(
      new ForbiddenError('Only students start a workspace: instructors open the activity’s template instead.'),
    );
    await expect(startWorkspace(db.fork(), setup.outsiderId, activityId)).rejects.toThrow(NotFoundError);
    await expect(startWorkspace(db.fork(), student, 'not-an-id')).rejects.toThrow(NotFoundError);

    const draft = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Draft', mode: 'individual' });
    await expect(startWorkspace(db.fork(), student, draft.id)).rejects.toThrow(NotFoundError);
    const future = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Future', mode: 'individual', opensAt: inHours(1) });
    await updateActivity(db.fork(), setup.instructorId, future.id, { published: true });
    await expect(startWorkspace(db.fork(), student, future.id)).rejects.toThrow(NotFoundError);
    expect(await db.sql(`select id from conversations where kind = 'workspace'`)).toEqual([]);
  });

  test('an archived class, or an activity past due that takes no late work, cannot be started; an extension lets the student in', async ({ db }) => {
    const setup = await createActivityClass(db);
    const [student, extended] = setup.studentIds as [string, string];
    const closed = await createActivity(db.fork(), setup.instructorId, setup.classId, {
      title: 'Closed',
      mode: 'individual',
      opensAt: inHours(-48),
      dueAt: inHours(-1),
      allowLateSubmissions: false,
    });
    await updateActivity(db.fork(), setup.instructorId, closed.id, { published: true });
    await setExtension(db.fork(), setup.instructorId, closed.id, extended, { dueAt: inHours(24) });
    await expect(startWorkspace(db.fork(), student, closed.id)).rejects.toThrow(ConflictError);
    await expect(startWorkspace(db.fork(), extended, closed.id)).resolves.toHaveProperty('conversationId');

    const { activityId } = await activityWithTemplate(db, setup);
    await changeClassAsInstructor(db.fork(), setup.instructorId, setup.classId, { archived: true });
    await expect(startWorkspace(db.fork(), student, activityId)).rejects.toThrow(ConflictError);
    expect(await counts(db, activityId)).toEqual({ workspaces: 0, submissions: 0 });
  });

  test("a class activity's start is its one shared conversation, for everyone", async ({ db }) => {
    const setup = await createActivityClass(db);
    const activity = await createActivity(db.fork(), setup.instructorId, setup.classId, { title: 'Together', mode: 'class' });
    await updateActivity(db.fork(), setup.instructorId, activity.id, { published: true });
    const results = await Promise.all(setup.studentIds.map((studentId) => startWorkspace(db.fork(), studentId, activity.id)));
    expect(results).toEqual(setup.studentIds.map(() => ({ conversationId: activity.sharedConversationId })));
    expect(await startWorkspace(db.fork(), setup.instructorId, activity.id)).toEqual({ conversationId: activity.sharedConversationId });
    expect(await counts(db, activity.id)).toEqual({ workspaces: 0, submissions: 0 });
  });

  test('a workspace an instructor moved to the trash is not made again', async ({ db }) => {
    const setup = await createActivityClass(db);
    const { activityId } = await activityWithTemplate(db, setup);
    const { conversationId } = await startWorkspace(db.fork(), setup.studentIds[0]!, activityId);
    await db.sql('update conversations set deleted_at = now() where id = ?', [conversationId]);
    await expect(startWorkspace(db.fork(), setup.studentIds[0]!, activityId)).rejects.toThrow(ConflictError);
    expect(await counts(db, activityId)).toEqual({ workspaces: 1, submissions: 1 });
  });
});
