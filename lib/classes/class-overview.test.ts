import { describe, expect } from 'vitest';
import { NotFoundError } from '../errors';
import { selectsYjsState } from '../testing/selects-yjs-state';
import { test, type TestDatabase } from '../testing/test-database';
import { createUser } from '../users/user-service';
import { loadClassOverview } from './class-overview';
import { createClass } from './class-service';

/**
 * A class owned by `owner`, with `students` more members and `conversations` conversations,
 * each with a document (inserted by SQL, for speed).
 */
async function seedClass(db: TestDatabase, owner: string, students: number, conversations: number) {
  const user = await createUser(db.fork(), { email: `${owner.toLowerCase()}@example.com`, name: owner });
  const created = await createClass(db.fork(), user.id, { name: `${owner}'s class` });
  await db.sql(
    `with new_users as (
       insert into users (email, name)
       select ? || '-student' || g || '@example.com', 'Student ' || lpad(g::text, 3, '0') from generate_series(1, ?) g returning id
     )
     insert into memberships (user_id, class_id, role) select id, ?, 'student' from new_users`,
    [owner.toLowerCase(), students, created.id],
  );
  await db.sql(
    `insert into conversations (class_id, owner_id, title, raw_text, yjs_state)
     select ?, ?, 'Conversation ' || g, repeat('text ', 100), decode(repeat('ab', 1000), 'hex') from generate_series(1, ?) g`,
    [created.id, user.id, conversations],
  );
  return { owner: user, classId: created.id };
}

describe('loadClassOverview', () => {
  test('returns the class, its members and its conversation summaries', async ({ db }) => {
    const { owner: ada, classId } = await seedClass(db, 'Ada', 2, 3);
    await db.sql(`update memberships set role = 'instructor' where user_id = (select id from users where name = 'Student 002')`);
    const overview = await loadClassOverview(db.fork(), classId);
    expect(overview.class).toMatchObject({ id: classId, name: "Ada's class", ownerId: ada.id });
    expect(overview.members).toEqual([
      { userId: ada.id, name: 'Ada', email: 'ada@example.com', role: 'instructor' },
      { userId: expect.any(String), name: 'Student 002', email: 'ada-student2@example.com', role: 'instructor' },
      { userId: expect.any(String), name: 'Student 001', email: 'ada-student1@example.com', role: 'student' },
    ]);
    expect(overview.conversations).toHaveLength(3);
    for (const summary of overview.conversations) {
      expect(summary).toEqual({
        id: expect.any(String),
        title: expect.stringMatching(/^Conversation \d$/),
        ownerId: ada.id,
        preview: 'text '.repeat(40),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    }
  });

  test('asks the same few queries for 1 member and 1 conversation as for 50 and 80, never reading documents', async ({ db }) => {
    const small = await seedClass(db, 'Ada', 0, 1);
    const large = await seedClass(db, 'Grace', 49, 80);
    const smallRun = await db.recordQueries(() => loadClassOverview(db.fork(), small.classId));
    const largeRun = await db.recordQueries(() => loadClassOverview(db.fork(), large.classId));
    expect(smallRun.result.members).toHaveLength(1);
    expect(smallRun.result.conversations).toHaveLength(1);
    expect(largeRun.result.members).toHaveLength(50);
    expect(largeRun.result.conversations).toHaveLength(80);
    expect(largeRun.queries).toHaveLength(smallRun.queries.length);
    expect(largeRun.queries.length).toBeLessThanOrEqual(3);
    expect([...smallRun.queries, ...largeRun.queries].filter(selectsYjsState)).toEqual([]);
  });

  test('is not found for an unknown class', async ({ db }) => {
    await expect(loadClassOverview(db.fork(), crypto.randomUUID())).rejects.toThrow(NotFoundError);
  });
});
