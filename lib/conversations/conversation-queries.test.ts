import { describe, expect } from 'vitest';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { selectsYjsState } from '@/lib/testing/selects-yjs-state';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createClass, createConversation, renameConversation } from '@/lib/testing/factories';
import { createUser } from '@/lib/users/user-records';
import { conversationPageSchema } from './conversation-schemas';
import { listClassConversations, searchClassConversations } from './conversation-queries';

async function classWithOwner(db: TestDatabase) {
  const owner = await createUser(db.fork(), { email: 'ada@example.com' });
  const created = await createClass(db.fork(), owner.id, { name: 'Engines' });
  return { classId: created.id, ownerId: owner.id };
}

/** `count` conversations inserted by one statement: they share one `updated_at` (the transaction's `now()`). */
async function insertSameInstant(db: TestDatabase, context: { classId: string; ownerId: string }, count: number, title: string) {
  await db.sql(
    `insert into conversations (class_id, owner_id, title) select ?, ?, ? || g from generate_series(1, ?) g`,
    [context.classId, context.ownerId, title, count],
  );
}

/** `count` conversations whose `updated_at` differ by a microsecond, all within one millisecond. */
async function insertWithinOneMillisecond(db: TestDatabase, context: { classId: string; ownerId: string }, count: number) {
  await db.sql(
    `insert into conversations (class_id, owner_id, title, updated_at)
     select ?, ?, 'micro ' || g, timestamptz '2026-01-01 00:00:00.123000+00' + g * interval '1 microsecond' from generate_series(1, ?) g`,
    [context.classId, context.ownerId, count],
  );
}

async function expectedOrder(db: TestDatabase, classId: string): Promise<string[]> {
  const rows = await db.sql<{ id: string }>(`select id from conversations where class_id = ? order by updated_at desc, id desc`, [classId]);
  return rows.map((row) => row.id);
}

async function listEverything(db: TestDatabase, classId: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listClassConversations(db.fork(), classId, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((item) => item.id));
    if (!page.nextCursor) return seen;
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
  }
}

describe('listClassConversations', () => {
  test('pages through every conversation once, newest first, however many share an updated_at', async ({ db }) => {
    const context = await classWithOwner(db);
    await insertSameInstant(db, context, 40, 'batch A ');
    await insertWithinOneMillisecond(db, context, 25);
    await insertSameInstant(db, context, 33, 'batch B ');
    for (const title of ['one', 'two', 'three']) await createConversation(db.fork(), context, { title });
    const other = await createClass(db.fork(), context.ownerId, { name: 'Other class' });
    await insertSameInstant(db, { ...context, classId: other.id }, 10, 'elsewhere ');

    const expected = await expectedOrder(db, context.classId);
    expect(expected).toHaveLength(101);
    for (const limit of [1, 7, 40, 100]) {
      const seen = await listEverything(db, context.classId, limit);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expected);
    }
  });

  test('returns summaries with a preview and no next cursor on the last page', async ({ db }) => {
    const context = await classWithOwner(db);
    const long = '😀'.repeat(150) + 'x'.repeat(150);
    const conversation = await createConversation(db.fork(), context, { title: 'Long', rawText: long });
    const page = await listClassConversations(db.fork(), context.classId);
    expect(conversationPageSchema.parse(page)).toEqual(page);
    expect(page).toEqual({
      items: [
        {
          id: conversation.id,
          title: 'Long',
          ownerId: context.ownerId,
          preview: '😀'.repeat(150) + 'x'.repeat(50),
          updatedAt: conversation.updatedAt,
          highlightCount: 0,
          commentCount: 0,
          lastEditedAt: null,
          activityId: null,
          lastVisitedAt: null,
          sinceLastVisit: null,
          snippet: null,
        },
      ],
      nextCursor: null,
    });
  });

  test('never reads the Yjs document, and asks one query per page', async ({ db }) => {
    const context = await classWithOwner(db);
    await insertSameInstant(db, context, 5, 'c');
    await db.sql(`update conversations set yjs_state = decode(repeat('ff', 1000), 'hex')`);
    const { result, queries } = await db.recordQueries(() => listClassConversations(db.fork(), context.classId, { limit: '3' }));
    expect(result.items).toHaveLength(3);
    expect(queries).toHaveLength(1);
    expect(queries.filter(selectsYjsState)).toEqual([]);
  });

  test('shows a conversation updated while someone pages at the front, and the rest exactly once', async ({ db }) => {
    const context = await classWithOwner(db);
    await insertSameInstant(db, context, 12, 'c');
    const before = await expectedOrder(db, context.classId);
    const first = await listClassConversations(db.fork(), context.classId, { limit: 4 });
    const moved = before[9] ?? '';
    await renameConversation(db.fork(), moved, 'moved');
    const rest: string[] = [];
    let cursor = first.nextCursor ?? undefined;
    while (cursor) {
      const page = await listClassConversations(db.fork(), context.classId, { limit: 4, cursor });
      rest.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    }
    expect(rest).toEqual(before.slice(4).filter((id) => id !== moved));
    expect((await listClassConversations(db.fork(), context.classId, { limit: 1 })).items[0]?.id).toBe(moved);
  });

  test('refuses a cursor it did not give out, and a limit out of range', async ({ db }) => {
    const { classId } = await classWithOwner(db);
    await expect(listClassConversations(db.fork(), classId, { cursor: 'bogus' })).rejects.toMatchObject({ field: 'cursor' });
    await expect(listClassConversations(db.fork(), classId, { limit: 0 })).rejects.toThrow(new InvalidError('limit', 'limit must be at least 1'));
    await expect(listClassConversations(db.fork(), classId, { limit: 101 })).rejects.toMatchObject({ field: 'limit' });
    await expect(listClassConversations(db.fork(), classId, { limit: 2.5 })).rejects.toMatchObject({ field: 'limit' });
  });

  test('is empty for a class without conversations, and not found for a malformed class id', async ({ db }) => {
    const { classId } = await classWithOwner(db);
    expect(await listClassConversations(db.fork(), classId)).toEqual({ items: [], nextCursor: null });
    await expect(listClassConversations(db.fork(), 'x')).rejects.toThrow(NotFoundError);
  });
});

async function seedSearch(db: TestDatabase) {
  const em = db.fork();
  const owner = await createUser(em, { email: 'owner@example.test', name: 'Owner' });
  const created = await createClass(em, owner.id, { name: 'Search class' });
  const other = await createClass(em, owner.id, { name: 'Other class' });
  const make = (classId: string, title: string, rawText: string) => createConversation(db.fork(), { classId, ownerId: owner.id }, { title, rawText });
  return { classId: created.id, otherClassId: other.id, make };
}

describe('searchClassConversations', () => {
  test('finds words in the text, stemmed, and ranks title matches first', async ({ db }) => {
    const { classId, otherClassId, make } = await seedSearch(db);
    const inText = await make(classId, 'Kitchen chat', 'User: how long should eggs be boiled?');
    const inTitle = await make(classId, 'Boiling eggs', 'User: something else entirely');
    await make(classId, 'Unrelated', 'User: the weather today');
    await make(otherClassId, 'Boiling eggs elsewhere', 'User: boiling');
    const page = await searchClassConversations(db.fork(), classId, { q: 'boiling', limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([inTitle.id, inText.id]);
  });

  test('pages through many equally ranked matches without repeats or gaps', async ({ db }) => {
    const { classId, make } = await seedSearch(db);
    const ids = new Set<string>();
    for (let i = 0; i < 13; i++) ids.add((await make(classId, `Prompt ${i}`, 'User: photosynthesis question')).id);
    await db.sql('update conversations set updated_at = now()');
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchClassConversations(db.fork(), classId, { q: 'photosynthesis', limit: 5, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(13);
    expect(new Set(seen)).toEqual(ids);
  });

  test('accepts web-search syntax and odd input without error', async ({ db }) => {
    const { classId, make } = await seedSearch(db);
    await make(classId, 'Phrase test', 'User: the quick brown fox');
    expect((await searchClassConversations(db.fork(), classId, { q: '"quick brown" -cat', limit: 10 })).items).toHaveLength(1);
    for (const q of ['&&&', '"', '!!', "'; drop table conversations; --", '%_\\']) {
      await expect(searchClassConversations(db.fork(), classId, { q, limit: 10 })).resolves.toBeDefined();
    }
  });
});
