import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '@/entities';
import { assertClassNotArchived } from '@/lib/classes/class-access';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { InvalidError, NotFoundError } from '@/lib/errors';
import { toTimestamp } from '@/lib/field-schemas';
import { parseInput } from '@/lib/parse-input';
import { requireActivityForInstructor } from './activity-access';
import { extensionSchema, type ExtensionInput } from './activity-schemas';

/** A student's own due date of an activity, or null when they have none. */
export interface ExtensionSet {
  studentId: string;
  dueAt: string | null;
}

/**
 * An instructor gives a student of the class their own due date for an activity (replacing
 * any earlier one), or takes it away (`dueAt: null`). Late is then judged against it when
 * the student submits. Someone who is not in the class is not found; an instructor of it is
 * no student to extend (400 on `userId`).
 */
export async function setExtension(em: EntityManager, userId: string, activityId: string, studentId: string, input: ExtensionInput | unknown): Promise<ExtensionSet> {
  const { dueAt } = parseInput(extensionSchema, input);
  const activity = await requireActivityForInstructor(em, userId, activityId);
  assertClassNotArchived(activity.class);
  requireWellFormedId(studentId, 'student');
  const membership = await em.findOne(Membership, { user: studentId, class: activity.class.id }, { fields: ['role'] });
  if (!membership) throw new NotFoundError('student');
  if (membership.role !== 'student') throw new InvalidError('userId', 'userId must be a student of this class');
  if (dueAt === null) {
    await em.execute('delete from activity_extensions where activity_id = ? and student_id = ?', [activityId, studentId], 'run');
    return { studentId, dueAt: null };
  }
  // One statement, so two instructors setting it at once leave one row (the last write).
  await em.execute(
    `insert into activity_extensions (id, activity_id, student_id, due_at) values (gen_random_uuid(), ?, ?, ?)
     on conflict (activity_id, student_id) do update set due_at = excluded.due_at`,
    [activityId, studentId, dueAt],
    'run',
  );
  return { studentId, dueAt: toTimestamp(dueAt) };
}
