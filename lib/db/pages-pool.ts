import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { getOrm } from './orm';

/**
 * One instance of something built on the pages' connection pool (the ORM's), made on first
 * use and shared after; a failed start (the database not up yet) is tried again next time.
 */
export function onPagesPool<T>(make: (pool: pg.Pool) => T): () => Promise<T> {
  let instance: Promise<T> | undefined;
  return () => {
    instance ??= (async () => {
      const connection = (await getOrm()).em.getConnection() as PostgreSqlConnection;
      return make((await connection.getNativeClient()) as unknown as pg.Pool);
    })().catch((error: unknown) => {
      instance = undefined;
      throw error;
    });
    return instance;
  };
}
