import { describe, expect } from 'vitest';
import { createClass } from '../classes/class-service';
import { InvalidError, NotFoundError } from '../errors';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { findClassConversations } from './find-class-conversations';

/**
 * A class with conversations by Ada and Grace, some locked, updated a minute apart in the
 * order listed; and one conversation in another class that no query of this class may see.
 */
async function seed(db: TestDatabase) {
  const ada = await createUser(db.fork(), { email: 'ada@example.com' });
  const grace = await createUser(db.fork(), { email: 'grace@example.com' });
  const engines = await createClass(db.fork(), ada.id, { name: 'Engines' });
  const other = await createClass(db.fork(), ada.id, { name: 'Other' });
  const rows: [string, string, string, boolean][] = [
    [engines.id, 'Lab report', ada.id, false],
    [engines.id, 'Essay', grace.id, false],
    [engines.id, 'LAB notes', grace.id, true],
    [engines.id, 'Misc', ada.id, true],
    [engines.id, 'Draft', ada.id, false],
    [engines.id, 'Zebra lab', grace.id, false],
    [engines.id, 'Other', grace.id, false],
    [other.id, 'Lab elsewhere', ada.id, false],
  ];
  for (const [index, [classId, title, ownerId, locked]] of rows.entries()) {
    await db.sql(
      `insert into conversations (class_id, owner_id, title, locked, updated_at) values (?, ?, ?, ?, timestamptz '2026-01-01 00:00:00+00' + ? * interval '1 minute')`,
      [classId, ownerId, title, locked, index],
    );
  }
  return { ada, grace, classId: engines.id };
}

const titlesOf = (items: { title: string }[]) => items.map((item) => item.title);

describe('findClassConversations', () => {
  test('keeps what matches the title OR the owner, AND is not locked', async ({ db }) => {
    const { ada, classId } = await seed(db);
    const found = await findClassConversations(db.fork(), classId, { matchAny: { titleContains: 'lab', ownerId: ada.id }, locked: false }, 'title');
    expect(titlesOf(found)).toEqual(['Draft', 'Lab report', 'Zebra lab']);
  });

  test('applies each condition alone', async ({ db }) => {
    const { grace, classId } = await seed(db);
    const titles = async (filter: Parameters<typeof findClassConversations>[2]) => titlesOf(await findClassConversations(db.fork(), classId, filter, 'title'));
    expect(await titles({ matchAny: { titleContains: 'LAB' } })).toEqual(['LAB notes', 'Lab report', 'Zebra lab']);
    expect(await titles({ matchAny: { ownerId: grace.id } })).toEqual(['Essay', 'LAB notes', 'Other', 'Zebra lab']);
    expect(await titles({ locked: true })).toEqual(['LAB notes', 'Misc']);
    expect(await titles({})).toHaveLength(7);
  });

  test('orders newest first, oldest first, or by title', async ({ db }) => {
    const { classId } = await seed(db);
    const newest = titlesOf(await findClassConversations(db.fork(), classId, {}, 'newest'));
    expect(newest).toEqual(['Other', 'Zebra lab', 'Draft', 'Misc', 'LAB notes', 'Essay', 'Lab report']);
    expect(titlesOf(await findClassConversations(db.fork(), classId, {}, 'oldest'))).toEqual([...newest].reverse());
    expect(titlesOf(await findClassConversations(db.fork(), classId))).toEqual(newest);
  });

  test('takes the search text literally', async ({ db }) => {
    const { classId } = await seed(db);
    expect(await findClassConversations(db.fork(), classId, { matchAny: { titleContains: '%' } })).toEqual([]);
    expect(await findClassConversations(db.fork(), classId, { matchAny: { titleContains: '_' } })).toEqual([]);
  });

  test('refuses a malformed owner id and does not find a malformed class', async ({ db }) => {
    const { classId } = await seed(db);
    await expect(findClassConversations(db.fork(), classId, { matchAny: { ownerId: 'ada' } })).rejects.toThrow(InvalidError);
    await expect(findClassConversations(db.fork(), 'engines')).rejects.toThrow(NotFoundError);
  });
});
