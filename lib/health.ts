import { getOrm } from './db/orm';

/** True when the database answers a trivial query within the timeout. */
export async function isDatabaseHealthy(timeoutMilliseconds = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMilliseconds)));
  const probe = (async () => {
    const orm = await getOrm();
    await orm.em.fork().getConnection().execute('select 1');
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
