import type { EntityManager } from '@mikro-orm/postgresql';
import type { MembershipRole } from '@/entities';
import { sqlUuidArray } from '@/lib/activities/sql-uuid-array';
import { requireClassMember } from '@/lib/classes/class-access';
import { toTimestamp } from '@/lib/field-schemas';
import type { InstructorRosterEntry, RosterEntry } from './roster';

/** The first members of a class's roster, with what the page says about the rest. */
export interface RosterPage {
  /** In the roster's order (instructors first, then by name); emails and dates for instructors only. */
  members: RosterEntry[] | InstructorRosterEntry[];
  /** Members in all. */
  total: number;
  /** Whether the viewer is the class's only instructor: the Leave control says so instead of asking "Leave?" first (the server decides again under the class's lock). */
  viewerIsOnlyInstructor: boolean;
}

interface RosterPageRow {
  user_id: string;
  name: string;
  email: string;
  role: MembershipRole;
  created_at: Date | string;
  total: number;
  instructors: number;
}

/**
 * The class page's roster: at most `limit` members (all without one) and the counts it
 * needs about the others, in one query whatever the class's size, so a class of 500 costs
 * the page what a class of 20 does. The same order and the same fields per role as
 * `listClassRoster` (`GET /api/classes/:id/members`).
 */
export async function classRosterPage(em: EntityManager, userId: string, classId: string, options: { limit?: number } = {}): Promise<RosterPage> {
  const { role } = await requireClassMember(em, userId, classId);
  const rows = await em.execute<RosterPageRow[]>(
    `select u.id as user_id, u.name, u.email, m.role, m.created_at,
            (count(*) over ())::int as total,
            (count(*) filter (where m.role = 'instructor') over ())::int as instructors
       from memberships m
       join users u on u.id = m.user_id
      where m.class_id = ?
      order by m.role asc, u.name asc, u.id asc
      limit ?`,
    [classId, options.limit ?? null],
  );
  const total = rows[0]?.total ?? 0;
  const viewerIsOnlyInstructor = role === 'instructor' && rows[0]?.instructors === 1;
  const members =
    role === 'instructor'
      ? rows.map((row) => ({ userId: row.user_id, name: row.name, role: row.role, email: row.email, joinedAt: toTimestamp(new Date(row.created_at)) }))
      : rows.map((row) => ({ userId: row.user_id, name: row.name, role: row.role }));
  return { members, total, viewerIsOnlyInstructor };
}

/**
 * The names of those of `userIds` who are members of the class, for one of its members (a
 * page's conversation owners); anyone missing has left the class. Ids read from the
 * database only.
 */
export async function classMemberNames(em: EntityManager, userId: string, classId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  await requireClassMember(em, userId, classId);
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await em.execute<Array<{ id: string; name: string }>>(
    `select u.id, u.name from memberships m join users u on u.id = m.user_id
      where m.class_id = ? and m.user_id = any(cast(? as uuid[]))`,
    [classId, sqlUuidArray(unique)],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
