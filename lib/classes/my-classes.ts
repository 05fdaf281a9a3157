import type { EntityManager } from '@mikro-orm/postgresql';
import type { MembershipRole } from '@/entities';
import type { ClassListItem } from './class-views';

/**
 * The classes `userId` belongs to, with their role and member count, in one query: active
 * classes first, then by name.
 */
export async function listMyClasses(em: EntityManager, userId: string): Promise<ClassListItem[]> {
  const rows = await em.execute<
    Array<{ id: string; name: string; role: MembershipRole; member_count: number; archived_at: Date | null }>
  >(
    `select c.id, c.name, m.role, c.archived_at,
            (select count(*) from memberships counted where counted.class_id = c.id)::int as member_count
       from memberships m
       join classes c on c.id = m.class_id
      where m.user_id = ?
      order by c.archived_at is not null, lower(c.name), c.id`,
    [userId],
  );
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role, memberCount: row.member_count, archived: row.archived_at !== null }));
}

/** How many members a class has. */
export async function countClassMembers(em: EntityManager, classId: string): Promise<number> {
  const rows = await em.execute<Array<{ count: number }>>('select count(*)::int as count from memberships where class_id = ?', [classId]);
  return rows[0]?.count ?? 0;
}
