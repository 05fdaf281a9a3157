import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { getOrm } from '@/lib/db/orm';
import { UserSessions } from './user-sessions';

let sessions: Promise<UserSessions> | undefined;

/** The pages' server-side sessions, on the pages' connection pool. */
export function getUserSessions(): Promise<UserSessions> {
  sessions ??= (async () => {
    const connection = (await getOrm()).em.getConnection() as PostgreSqlConnection;
    return new UserSessions((await connection.getNativeClient()) as unknown as pg.Pool);
  })().catch((error: unknown) => {
    sessions = undefined;
    throw error;
  });
  return sessions;
}
