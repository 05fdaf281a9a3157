import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { getOrm } from '@/lib/db/orm';
import { JoinAttemptLimiter } from './join-attempt-limiter';

let limiter: Promise<JoinAttemptLimiter> | undefined;

/** The pages' join limiter, on the pages' connection pool. */
export function getJoinAttemptLimiter(): Promise<JoinAttemptLimiter> {
  limiter ??= (async () => {
    const connection = (await getOrm()).em.getConnection() as PostgreSqlConnection;
    return new JoinAttemptLimiter((await connection.getNativeClient()) as unknown as pg.Pool);
  })();
  return limiter;
}
