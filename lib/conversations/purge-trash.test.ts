import { describe, expect } from 'vitest';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { deleteConversation } from './conversation-administration';
import { startConversation } from './start-conversation';
import { purgeTrash } from './purge-trash';
import { createClass } from '@/lib/testing/factories';

describe('purgeTrash', () => {
  test('removes for good what has been in the trash over 30 days, with its log, versions and bindings; keeps the rest', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
    const { id: classId } = await createClass(db.fork(), owner.id, { name: 'Class' });
    const start = async (title: string) => (await startConversation(db.fork(), owner.id, classId, { title, text: `User: ${title}` })).id;
    const [old, recent, live] = [await start('Old'), await start('Recent'), await start('Live')];
    for (const id of [old, recent]) await deleteConversation(db.fork(), owner.id, id);
    await db.sql(`update conversations set deleted_at = now() - interval '31 days' where id = ?`, [old]);
    await db.sql(`update conversations set deleted_at = now() - interval '29 days' where id = ?`, [recent]);
    for (const id of [old, recent]) {
      await db.sql(`insert into conversation_updates (conversation_id, update) values (?, '\\x00')`, [id]);
      await db.sql(`insert into conversation_versions (conversation_id, position, reason, update, state_vector) values (?, 1, 'manual', '\\x00', '\\x00')`, [id]);
      await db.sql(`insert into conversation_clients (conversation_id, client_id, user_id) values (?, 42, ?)`, [id, owner.id]);
    }

    expect(await purgeTrash(db.fork())).toBe(1);
    const remaining = async (table: string, column: string) =>
      (await db.sql<{ id: string }>(`select distinct ${column} as id from ${table} order by 1`)).map((row) => row.id);
    expect(await remaining('conversations', 'id')).toEqual([old, recent, live].filter((id) => id !== old).sort());
    // (Every started conversation also has its starter's client binding: the live one keeps its own.)
    for (const table of ['conversation_updates', 'conversation_versions', 'conversation_clients']) {
      expect((await remaining(table, 'conversation_id')).filter((id) => id !== live)).toEqual([recent]);
    }
    // Nothing more to do: a second run removes nothing.
    expect(await purgeTrash(db.fork())).toBe(0);
  });
});
