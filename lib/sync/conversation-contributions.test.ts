import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { startConversation } from '@/lib/conversations/start-conversation';
import { test } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { conversationContributions } from './conversation-contributions';
import { createClass } from '@/lib/testing/factories';

describe('conversationContributions', () => {
  test('credits a started conversation’s text to its starter, and knows no unknown conversation', async ({ db }) => {
    const teacher = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
    const created = await createClass(db.fork(), teacher.id, { name: 'Class' });
    const started = await startConversation(db.fork(), teacher.id, created.id, { title: 'Eggs', text: 'User: How long?\nAssistant: Nine minutes.' });
    const pool = (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
    const counted = await conversationContributions(pool, started.id);
    expect(counted?.get(teacher.id)).toEqual({ characters: 'How long?'.length + 'Nine minutes.'.length, highlights: 0, comments: 0 });
    expect(await conversationContributions(pool, crypto.randomUUID())).toBeNull();
  });
});
