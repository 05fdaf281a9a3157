import { MikroORM } from '@mikro-orm/postgresql';
import { onShutdown } from '@/lib/process-lifecycle';
import { ormOptions } from './orm-options';

let ormPromise: Promise<MikroORM> | undefined;

/**
 * The ORM of the code that calls it (pages and route handlers). The custom server resolves
 * the database (embedded or `DATABASE_URL`) and migrates before any request arrives, and
 * leaves the URL in `process.env.DATABASE_URL`.
 */
export function getOrm(): Promise<MikroORM> {
  ormPromise ??= initOrm().catch((error: unknown) => {
    ormPromise = undefined;
    throw error;
  });
  return ormPromise;
}

async function initOrm(): Promise<MikroORM> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: start the app with `npm start` or `npm run dev`.');
  const orm = await MikroORM.init(ormOptions({ databaseUrl, poolMax: Number(process.env.DATABASE_POOL_MAX ?? 10) }));
  onShutdown('pages-orm', () => orm.close());
  return orm;
}
