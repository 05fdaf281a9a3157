import { describe, expect } from 'vitest';
import { createActivityClass } from '@/lib/activities/testing/activity-fixtures';
import { NotFoundError } from '@/lib/errors';
import { createActivityRow, createConversation, createWorkspace } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { browseClassConversations } from './browse-class-conversations';
import type { ConversationSummary } from './conversation-schemas';
import { conversationSearchVector } from './conversation-queries';
import { recordConversationVisit } from './conversation-visits';

/*
 * The class's conversation list as a member sees it (issue 12): each conversation's counts and
 * last edit, what is new since the member's last visit, and in a search the passage that
 * matched, from the text or from the annotations (tag names, comments), marked.
 */

async function summaryOf(db: TestDatabase, userId: string, classId: string, conversationId: string, q?: string): Promise<ConversationSummary> {
  const page = await browseClassConversations(db.fork(), userId, classId, q ? { q } : {});
  const item = page.items.find((candidate) => candidate.id === conversationId);
  if (!item) throw new Error(`${conversationId} is not listed${q ? ` for “${q}”` : ''}`);
  return item;
}

async function searchIds(db: TestDatabase, userId: string, classId: string, q: string): Promise<string[]> {
  return (await browseClassConversations(db.fork(), userId, classId, { q })).items.map((item) => item.id);
}

/** The snippet as text with the matches in brackets: `the [eggs] boil`. */
function marked(summary: ConversationSummary): string | null {
  return summary.snippet ? summary.snippet.segments.map((segment) => (segment.match ? `[${segment.text}]` : segment.text)).join('') : null;
}

async function setSummary(db: TestDatabase, conversationId: string, columns: { highlights?: number; comments?: number; lastEditedAt?: Date; annotationText?: string }) {
  await db.sql(
    `update conversations set highlight_count = coalesce(?, highlight_count), comment_count = coalesce(?, comment_count),
            last_edited_at = coalesce(cast(? as timestamptz), last_edited_at), annotation_text = coalesce(?, annotation_text) where id = ?`,
    [columns.highlights ?? null, columns.comments ?? null, columns.lastEditedAt?.toISOString() ?? null, columns.annotationText ?? null, conversationId],
  );
}

describe('the class’s conversation list', () => {
  test('shows each conversation’s highlight and comment counts and its last edit, in the list and in a search', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Eggs', rawText: 'User: how long to boil eggs?' });
    expect(await summaryOf(db, student, setup.classId, id)).toMatchObject({ highlightCount: 0, commentCount: 0, lastEditedAt: null, activityId: null });
    const edited = new Date('2026-03-04T05:06:07.000Z');
    await setSummary(db, id, { highlights: 3, comments: 7, lastEditedAt: edited });
    expect(await summaryOf(db, student, setup.classId, id)).toMatchObject({ highlightCount: 3, commentCount: 7, lastEditedAt: edited.toISOString() });
    expect(await summaryOf(db, student, setup.classId, id, 'eggs')).toMatchObject({ highlightCount: 3, commentCount: 7, lastEditedAt: edited.toISOString() });
  });

  test('says “new” to a member who never opened someone else’s conversation, “updated” once it changed after their visit, per member', async ({ db }) => {
    const setup = await createActivityClass(db);
    const [ada, ben] = setup.studentIds as [string, string];
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Tides', rawText: 'User: why are there tides?' });
    await setSummary(db, id, { lastEditedAt: new Date(Date.now() - 60_000) });
    expect(await summaryOf(db, ada, setup.classId, id)).toMatchObject({ sinceLastVisit: 'new', lastVisitedAt: null });
    expect(await summaryOf(db, ben, setup.classId, id)).toMatchObject({ sinceLastVisit: 'new' });
    // Its owner made it: never new to them.
    expect(await summaryOf(db, setup.instructorId, setup.classId, id)).toMatchObject({ sinceLastVisit: null });

    await recordConversationVisit(db.fork(), ada, id);
    const seen = await summaryOf(db, ada, setup.classId, id);
    expect(seen.sinceLastVisit).toBeNull();
    expect(Date.parse(seen.lastVisitedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await summaryOf(db, ben, setup.classId, id)).toMatchObject({ sinceLastVisit: 'new' });

    // Someone comments after Ada's visit (the compaction writes when).
    await setSummary(db, id, { comments: 1, lastEditedAt: new Date(Date.now() + 1_000) });
    expect(await summaryOf(db, ada, setup.classId, id)).toMatchObject({ sinceLastVisit: 'updated' });
    expect(await summaryOf(db, ada, setup.classId, id, 'tides')).toMatchObject({ sinceLastVisit: 'updated' });
    expect(await summaryOf(db, ben, setup.classId, id)).toMatchObject({ sinceLastVisit: 'new' });
    await db.sql(`update conversation_visits set visited_at = now() + interval '2 seconds' where user_id = ?`, [ada]);
    expect(await summaryOf(db, ada, setup.classId, id)).toMatchObject({ sinceLastVisit: null });
  });

  test('twenty visits at once make one row, and a visit never moves back', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Busy' });
    await Promise.all(Array.from({ length: 20 }, () => recordConversationVisit(db.fork(), student, id)));
    const rows = await db.sql<{ visited_at: Date }>('select visited_at from conversation_visits where conversation_id = ? and user_id = ?', [id, student]);
    expect(rows).toHaveLength(1);
    await db.sql(`update conversation_visits set visited_at = now() + interval '1 hour'`);
    await recordConversationVisit(db.fork(), student, id);
    const [later] = await db.sql<{ later: boolean }>(`select visited_at > now() + interval '59 minutes' as later from conversation_visits`);
    expect(later?.later).toBe(true);
  });

  test('a visit is recorded only for someone who may see the conversation; visits go with their conversation and their person', async ({ db }) => {
    const setup = await createActivityClass(db);
    const [ada, ben] = setup.studentIds as [string, string];
    const activity = await createActivityRow(db.fork(), { classId: setup.classId, createdById: setup.instructorId });
    const workspace = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: ada, activityId: activity.id });
    await expect(recordConversationVisit(db.fork(), ben, workspace.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordConversationVisit(db.fork(), setup.outsiderId, workspace.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordConversationVisit(db.fork(), ada, 'not-an-id')).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.sql('select 1 from conversation_visits')).toHaveLength(0);

    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Going' });
    await recordConversationVisit(db.fork(), ada, id);
    await recordConversationVisit(db.fork(), ben, id);
    await recordConversationVisit(db.fork(), ada, workspace.id);
    await db.sql('delete from conversations where id = ?', [id]);
    expect(await db.sql('select user_id from conversation_visits')).toEqual([{ user_id: ada }]);
    await db.sql('delete from submissions where student_id = ?', [ada]);
    await db.sql('delete from conversations where owner_id = ?', [ada]);
    await db.sql('delete from users where id = ?', [ben]);
    expect(await db.sql('select 1 from conversation_visits')).toHaveLength(0);
  });

  test('asks the same number of queries for 5 conversations as for 50, in the list and in a search', async ({ db }) => {
    const counts: Array<{ list: number; search: number }> = [];
    for (const size of [5, 50]) {
      const setup = await createActivityClass(db);
      const student = setup.studentIds[0]!;
      await db.sql(
        `insert into conversations (class_id, owner_id, title, raw_text, annotation_text, highlight_count, last_edited_at)
         select ?, ?, 'Conversation ' || g, 'User: the word photosynthesis ' || g, 'a comment on photosynthesis', g, now() from generate_series(1, ?) g`,
        [setup.classId, setup.instructorId, size],
      );
      await db.sql(`insert into conversation_visits (conversation_id, user_id) select id, ? from conversations where class_id = ? and highlight_count % 2 = 0`, [student, setup.classId]);
      const list = await db.recordQueries(() => browseClassConversations(db.fork(), student, setup.classId, { limit: 100 }));
      expect(list.result.items).toHaveLength(size);
      expect(new Set(list.result.items.map((item) => item.sinceLastVisit))).toEqual(new Set(['new', null]));
      const search = await db.recordQueries(() => browseClassConversations(db.fork(), student, setup.classId, { q: 'photosynthesis', limit: 100 }));
      expect(search.result.items).toHaveLength(size);
      expect(search.result.items.every((item) => item.snippet?.source === 'text')).toBe(true);
      counts.push({ list: list.queries.length, search: search.queries.length });
    }
    expect(counts[0]).toEqual(counts[1]);
    // The membership check and the one query of the rows.
    expect(counts[0]).toEqual({ list: 2, search: 2 });
  });
});

describe('searching the class’s conversations', () => {
  test('shows the passage that matched with the match marked, not the start of the conversation', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const text = 'User: Tell me about plants.\n\nAssistant: Plants are green. They make sugar by photosynthesis in their leaves, using light.';
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Botany', rawText: text });
    const found = await summaryOf(db, student, setup.classId, id, 'photosynthesis');
    expect(found.snippet?.source).toBe('text');
    // The line of the match, to the end of the fragment's last word.
    expect(marked(found)).toBe('Assistant: Plants are green. They make sugar by [photosynthesis] in their leaves, using light');
    // Stemmed: a form of the word finds and marks it.
    expect(marked(await summaryOf(db, student, setup.classId, id, 'use'))).toContain('[using]');
    // Only the title matched: no passage (the page shows the preview).
    expect((await summaryOf(db, student, setup.classId, id, 'Botany')).snippet).toBeNull();
  });

  test('finds and marks a word deep in a long transcript', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const filler = 'User: tell me more about the weather today.\n\nAssistant: it is sunny and warm.\n\n'.repeat(1_500);
    const rawText = `${filler}User: and what about quasars far away?\n\n${filler}`;
    expect(rawText.indexOf('quasars')).toBeGreaterThan(100_000);
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Long chat', rawText });
    const found = await summaryOf(db, student, setup.classId, id, 'quasars');
    expect(marked(found)).toBe('User: and what about [quasars] far away?');
  });

  test('finds comments and tag names, and shows the comment’s text', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Moon', rawText: 'User: Is the moon made of cheese?\n\nAssistant: Yes, mostly cheddar.' });
    await setSummary(db, id, { annotationText: 'Hallucination\nThe assistant invents a dairy fact here; ask for a source.\nGood follow-up question' });
    const comment = await summaryOf(db, student, setup.classId, id, 'dairy');
    expect(comment.snippet?.source).toBe('annotations');
    expect(marked(comment)).toBe('The assistant invents a [dairy] fact here; ask for a source.');
    // A short comment is shown whole: no short word dropped at its ends.
    await setSummary(db, id, { annotationText: 'Ask where the chlorophyll comes in' });
    expect(marked(await summaryOf(db, student, setup.classId, id, 'chlorophyll'))).toBe('Ask where the [chlorophyll] comes in');
    await setSummary(db, id, { annotationText: 'Hallucination\nThe assistant invents a dairy fact here; ask for a source.\nGood follow-up question' });
    const tag = await summaryOf(db, student, setup.classId, id, 'hallucination');
    expect(marked(tag)).toBe('[Hallucination]');
    // A word in the text and in a comment: the text's passage.
    await setSummary(db, id, { annotationText: 'cheese again' });
    expect((await summaryOf(db, student, setup.classId, id, 'cheese')).snippet?.source).toBe('text');
    // The title still ranks first.
    const other = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Dairy questions' });
    await setSummary(db, id, { annotationText: 'dairy' });
    expect(await searchIds(db, student, setup.classId, 'dairy')).toEqual([other.id, id]);
  });

  test('never finds a workspace, a template or a hidden activity’s conversation by its comments, for anyone', async ({ db }) => {
    const setup = await createActivityClass(db);
    const [ada, ben] = setup.studentIds as [string, string];
    const activity = await createActivityRow(db.fork(), { classId: setup.classId, createdById: setup.instructorId });
    const workspace = await createWorkspace(db.fork(), { classId: setup.classId, ownerId: ada, activityId: activity.id }, { rawText: 'User: zebrafinch', sharedWithClass: true });
    await setSummary(db, workspace.id, { annotationText: 'my private note about xylophones' });
    const { id: template } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Template' });
    await db.sql(`update conversations set kind = 'template', activity_id = ?, annotation_text = 'teacher key: xylophones' where id = ?`, [activity.id, template]);
    const hiddenActivity = await createActivityRow(db.fork(), { classId: setup.classId, createdById: setup.instructorId }, { mode: 'class', published: false });
    const { id: hidden } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Debate' });
    await db.sql(`update conversations set activity_id = ?, annotation_text = 'prepared xylophones remark' where id = ?`, [hiddenActivity.id, hidden]);

    for (const userId of [ada, ben]) {
      expect(await searchIds(db, userId, setup.classId, 'xylophones')).toEqual([]);
      expect(await searchIds(db, userId, setup.classId, 'zebrafinch')).toEqual([]);
    }
    // Instructors see the hidden activity's conversation (as in the list), never a workspace or a template.
    expect(await searchIds(db, setup.instructorId, setup.classId, 'xylophones')).toEqual([hidden]);
    // Another class's search never reaches this class's annotations.
    expect(await searchIds(db, setup.outsiderId, setup.otherClassId, 'xylophones')).toEqual([]);
  });

  test('the query’s vector is the index’s expression (the index serves it)', async ({ db }) => {
    const plan = await db.fork().transactional(async (transaction) => {
      await transaction.execute('set local enable_seqscan = off');
      return transaction.execute<Array<{ 'QUERY PLAN': string }>>(`explain select c.id from conversations c where ${conversationSearchVector} @@ to_tsquery('english', 'photosynthesis')`);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('conversations_search_index');
  });
});
