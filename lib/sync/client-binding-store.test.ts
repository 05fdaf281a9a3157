import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { createClass, createConversation } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { PostgresClientBindingStore } from './client-binding-store';

/** `count` conversations in one class, and two users to bind client ids to. */
async function conversations(db: TestDatabase, count: number): Promise<{ userIds: string[]; conversationIds: string[] }> {
  const em = db.fork();
  const owner = await createUser(em, { email: `owner-${randomUUID()}@example.test`, name: 'Owner' });
  const other = await createUser(em, { email: `other-${randomUUID()}@example.test`, name: 'Other' });
  const created = await createClass(em, owner.id, { name: 'Bindings' });
  const conversationIds: string[] = [];
  for (let i = 0; i < count; i++) conversationIds.push((await createConversation(em, { classId: created.id, ownerId: owner.id }, { title: `Transcript ${i}` })).id);
  return { userIds: [owner.id, other.id], conversationIds };
}

/** A pool whose statements are counted, and held until `release` while `hold` is on. */
function countingPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const statements: string[] = [];
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  const counted = {
    query: (...args: Parameters<pg.Pool['query']>) => {
      statements.push(String(args[0]));
      const held = gate;
      return (held ?? Promise.resolve()).then(() => (pool.query as (...a: unknown[]) => Promise<unknown>)(...args));
    },
  } as unknown as pg.Pool;
  return {
    pool: counted,
    statements,
    hold: () => (gate = new Promise((resolve) => (open = resolve))),
    release: () => {
      gate = undefined;
      open?.();
    },
    end: () => pool.end(),
  };
}

const stored = (db: TestDatabase) =>
  db.sql<{ conversation_id: string; client_id: string; user_id: string }>('select conversation_id, client_id::text as client_id, user_id from conversation_clients order by conversation_clients.client_id');

describe('PostgresClientBindingStore.bind', () => {
  test('binds asked for in one turn, for several conversations, go out as one statement', async ({ db }) => {
    const { userIds, conversationIds } = await conversations(db, 3);
    const counting = countingPool(db.url);
    try {
      const store = new PostgresClientBindingStore(counting.pool);
      const binds = conversationIds.flatMap((conversationId, index) => [
        store.bind(conversationId, userIds[0]!, [index * 10 + 1, index * 10 + 2]),
        store.bind(conversationId, userIds[1]!, [index * 10 + 3]),
      ]);
      await Promise.all(binds);
      expect(counting.statements).toHaveLength(1);
      expect((await stored(db)).map((row) => Number(row.client_id))).toEqual([1, 2, 3, 11, 12, 13, 21, 22, 23]);
      // A client id bound already keeps its first user.
      await store.bind(conversationIds[0]!, userIds[1]!, [1]);
      expect((await stored(db)).find((row) => row.client_id === '1' && row.conversation_id === conversationIds[0])?.user_id).toBe(userIds[0]);
    } finally {
      await counting.end();
    }
  });

  test('binds asked for while a statement is in flight wait for it, then go out together', async ({ db }) => {
    const { userIds, conversationIds } = await conversations(db, 3);
    const counting = countingPool(db.url);
    try {
      const store = new PostgresClientBindingStore(counting.pool);
      counting.hold();
      const first = store.bind(conversationIds[0]!, userIds[0]!, [1]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(counting.statements).toHaveLength(1);
      const later = [store.bind(conversationIds[1]!, userIds[0]!, [2])];
      await new Promise((resolve) => setImmediate(resolve));
      later.push(store.bind(conversationIds[2]!, userIds[1]!, [3]));
      await new Promise((resolve) => setImmediate(resolve));
      expect(counting.statements).toHaveLength(1);
      counting.release();
      await Promise.all([first, ...later]);
      expect(counting.statements).toHaveLength(2);
      expect((await stored(db)).map((row) => Number(row.client_id))).toEqual([1, 2, 3]);
    } finally {
      await counting.end();
    }
  });

  test('a bind into a conversation that is gone fails alone; the others of its statement are stored', async ({ db }) => {
    const { userIds, conversationIds } = await conversations(db, 2);
    const counting = countingPool(db.url);
    try {
      const store = new PostgresClientBindingStore(counting.pool);
      const results = await Promise.allSettled([
        store.bind(conversationIds[0]!, userIds[0]!, [1]),
        store.bind(randomUUID(), userIds[0]!, [2]),
        store.bind(conversationIds[1]!, userIds[1]!, [3]),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await stored(db)).map((row) => Number(row.client_id))).toEqual([1, 3]);
    } finally {
      await counting.end();
    }
  });
});
