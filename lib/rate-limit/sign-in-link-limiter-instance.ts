import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { getOrm } from '@/lib/db/orm';
import { SignInLinkLimiter } from './sign-in-link-limiter';

let limiter: Promise<SignInLinkLimiter> | undefined;

/** The pages' magic-link limiter, on the pages' connection pool. */
export function getSignInLinkLimiter(): Promise<SignInLinkLimiter> {
  limiter ??= (async () => {
    const connection = (await getOrm()).em.getConnection() as PostgreSqlConnection;
    return new SignInLinkLimiter((await connection.getNativeClient()) as unknown as pg.Pool);
  })().catch((error: unknown) => {
    limiter = undefined;
    throw error;
  });
  return limiter;
}
