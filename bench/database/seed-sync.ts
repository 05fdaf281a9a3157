import { encode } from 'next-auth/jwt';
import pg from 'pg';

/** The AUTH_SECRET the bench's sync server and its clients share (as in the sync tests). */
export const benchAuthSecret = 'grimoire-bench-secret-at-least-32-characters-long';

export interface SeededClass {
  classId: string;
  userIds: string[];
  /** A signed-in session of each user, in the order of `userIds`. */
  sessionIds: string[];
  conversationIds: string[];
}

/**
 * What our server needs before clients may connect: users (one per client), a class they
 * are all students of (its instructor is the first), and the conversations they open. In
 * plain SQL, as the services would write it, because a school is 1,000 users.
 */
export async function seedClass(databaseUrl: string, options: { users: number; conversations: number; label: string }): Promise<SeededClass> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    const unique = `${options.label}-${Date.now().toString(36)}`;
    const users = await client.query<{ id: string }>(
      `insert into users (email, name)
       select 'bench-' || $1 || '-' || n || '@example.test', 'Bench user ' || n from generate_series(1, $2::int) as n
       returning id`,
      [unique, options.users],
    );
    const userIds = users.rows.map((row) => row.id);
    const owner = userIds[0]!;
    const created = await client.query<{ id: string }>(
      `insert into classes (name, owner_id, invite_code) values ($1, $2, upper(substr(md5(random()::text), 1, 8))) returning id`,
      [`Bench ${options.label}`, owner],
    );
    const classId = created.rows[0]!.id;
    await client.query(
      `insert into memberships (user_id, class_id, role)
       select u, $1, case when u = $2::uuid then 'instructor' else 'student' end from unnest($3::uuid[]) as u`,
      [classId, owner, userIds],
    );
    const conversations = await client.query<{ id: string }>(
      `insert into conversations (class_id, owner_id, title)
       select $1, $2, 'Bench conversation ' || n from generate_series(1, $3::int) as n returning id`,
      [classId, owner, options.conversations],
    );
    const sessions = await client.query<{ id: string; user_id: string }>(
      `insert into user_sessions (user_id, last_seen_at, expires_at) select u, now(), now() + interval '1 day' from unnest($1::uuid[]) as u returning id, user_id`,
      [userIds],
    );
    const sessionOf = new Map(sessions.rows.map((row) => [row.user_id, row.id]));
    await client.query('commit');
    return { classId, userIds, sessionIds: userIds.map((id) => sessionOf.get(id)!), conversationIds: conversations.rows.map((row) => row.id) };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The Auth.js session cookie of a user's session (`sid`), signed with the bench's secret. */
export async function sessionCookie(userId: string, sessionId: string): Promise<string> {
  const token = await encode({ token: { sub: userId, sid: sessionId }, secret: benchAuthSecret, salt: 'authjs.session-token' });
  return `authjs.session-token=${token}`;
}

/** The Hocuspocus peer's table: one row per document, its whole state, rewritten on each store. */
export async function createHocuspocusSchema(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('create sequence documents_stored_seq');
    // stored_seq tells the bench's durability poller which rows changed since it last looked.
    await client.query('create table documents (name text primary key, data bytea not null, stored_seq bigint not null)');
    await client.query('create index documents_stored_seq_index on documents (stored_seq)');
  } finally {
    await client.end();
  }
}
