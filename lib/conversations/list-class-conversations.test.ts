import { describe, expect } from 'vitest';
import { createClass } from '../classes/class-service';
import { InvalidError, NotFoundError } from '../errors';
import { selectsYjsState } from '../testing/selects-yjs-state';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { conversationPageSchema } from './conversation-schemas';
import { createConversation, updateConversation } from './conversation-service';
import { listClassConversations } from './list-class-conversations';

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

async function listEverything(db: TestDatabase, classId: string, limit: number, q?: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listClassConversations(db.fork(), classId, { limit, cursor, q });
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
      items: [{ id: conversation.id, title: 'Long', ownerId: context.ownerId, preview: '😀'.repeat(150) + 'x'.repeat(50), updatedAt: conversation.updatedAt }],
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

  test('filters by title, ignoring case, and takes % and _ literally', async ({ db }) => {
    const context = await classWithOwner(db);
    for (const title of ['Lab report', 'LAB notes', 'Essay', '100% done', '100 done', 'a_b', 'axb']) {
      await createConversation(db.fork(), context, { title });
    }
    const titles = async (q: string) =>
      (await listClassConversations(db.fork(), context.classId, { q })).items.map((item) => item.title).sort();
    expect(await titles('lab')).toEqual(['LAB notes', 'Lab report']);
    expect(await titles('100%')).toEqual(['100% done']);
    expect(await titles('a_b')).toEqual(['a_b']);
    expect(await titles('   ')).toHaveLength(7);
    await insertSameInstant(db, context, 30, 'Lab batch ');
    expect(await listEverything(db, context.classId, 4, 'LAB')).toHaveLength(32);
  });

  test('shows a conversation updated while someone pages at the front, and the rest exactly once', async ({ db }) => {
    const context = await classWithOwner(db);
    await insertSameInstant(db, context, 12, 'c');
    const before = await expectedOrder(db, context.classId);
    const first = await listClassConversations(db.fork(), context.classId, { limit: 4 });
    const moved = before[9] ?? '';
    await updateConversation(db.fork(), moved, { title: 'moved' });
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
