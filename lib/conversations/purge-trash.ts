import type { EntityManager } from '@mikro-orm/postgresql';
import { limits } from '@/lib/limits';

/**
 * Removes for good every conversation that has been in the trash longer than
 * `limits.trash.retentionDays`: its row goes, and the cascades take its update log, versions
 * and client bindings. Returns how many were removed. The server runs it at start and every
 * `limits.trash.purgeIntervalMs` (server/trash-purge-schedule.ts).
 */
export async function purgeTrash(em: EntityManager): Promise<number> {
  const removed = await em.execute<Array<{ id: string }>>(
    `delete from conversations where deleted_at is not null and deleted_at < now() - make_interval(days => ?) returning id`,
    [limits.trash.retentionDays],
  );
  return removed.length;
}
