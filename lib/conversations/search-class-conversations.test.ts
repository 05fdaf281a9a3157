import { describe, expect } from 'vitest';
import { createClass } from '../classes/class-service';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { createConversation } from './conversation-service';
import { searchClassConversations } from './search-class-conversations';

async function seed(db: TestDatabase) {
  const em = db.fork();
  const owner = await createUser(em, { email: 'owner@example.test', name: 'Owner' });
  const created = await createClass(em, owner.id, { name: 'Search class' });
  const other = await createClass(em, owner.id, { name: 'Other class' });
  const make = (classId: string, title: string, rawText: string) => createConversation(db.fork(), { classId, ownerId: owner.id }, { title, rawText });
  return { classId: created.id, otherClassId: other.id, make };
}

describe('searchClassConversations', () => {
  test('finds words in the text, stemmed, and ranks title matches first', async ({ db }) => {
    const { classId, otherClassId, make } = await seed(db);
    const inText = await make(classId, 'Kitchen chat', 'User: how long should eggs be boiled?');
    const inTitle = await make(classId, 'Boiling eggs', 'User: something else entirely');
    await make(classId, 'Unrelated', 'User: the weather today');
    await make(otherClassId, 'Boiling eggs elsewhere', 'User: boiling');
    const page = await searchClassConversations(db.fork(), classId, { q: 'boiling', limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([inTitle.id, inText.id]);
  });

  test('pages through many equally ranked matches without repeats or gaps', async ({ db }) => {
    const { classId, make } = await seed(db);
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
    const { classId, make } = await seed(db);
    await make(classId, 'Phrase test', 'User: the quick brown fox');
    expect((await searchClassConversations(db.fork(), classId, { q: '"quick brown" -cat', limit: 10 })).items).toHaveLength(1);
    for (const q of ['&&&', '"', '!!', "'; drop table conversations; --", '%_\\']) {
      await expect(searchClassConversations(db.fork(), classId, { q, limit: 10 })).resolves.toBeDefined();
    }
  });
});
