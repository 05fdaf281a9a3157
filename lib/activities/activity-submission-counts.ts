import type { EntityManager } from '@mikro-orm/postgresql';
import { requireClassInstructor } from '@/lib/classes/class-access';

/**
 * How many students have handed in each of a class's activities (submitted, or submitted and
 * since returned: a submission date; work returned without ever being submitted is not), for the instructors' list on the class page: one query for the whole class.
 * Activities nobody has handed in are absent (read them as 0).
 */
export async function countHandedInByActivity(em: EntityManager, userId: string, classId: string): Promise<Map<string, number>> {
  await requireClassInstructor(em, userId, classId);
  const rows = await em.execute<Array<{ activityId: string; handedIn: number }>>(
    `select s.activity_id as "activityId", count(*)::int as "handedIn"
       from submissions s
       join activities a on a.id = s.activity_id
      where a.class_id = ? and s.submitted_at is not null
      group by s.activity_id`,
    [classId],
  );
  return new Map(rows.map((row) => [row.activityId, row.handedIn]));
}
