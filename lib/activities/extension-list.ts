import type { EntityManager } from '@mikro-orm/postgresql';
import { Extension } from '@/entities';
import { toTimestamp } from '@/lib/field-schemas';
import { displayName } from '@/lib/users/display-name';
import { requireActivityForInstructor } from './activity-access';

export interface ExtensionRead {
  studentId: string;
  studentName: string;
  dueAt: string;
}

/** The activity's per-student due dates, soonest first, for its class's instructors. */
export async function listExtensions(em: EntityManager, userId: string, activityId: string): Promise<ExtensionRead[]> {
  await requireActivityForInstructor(em, userId, activityId);
  const extensions = await em.find(
    Extension,
    { activity: activityId },
    { populate: ['student'], fields: ['dueAt', 'student.id', 'student.name'], orderBy: [{ dueAt: 'asc' }, { student: { id: 'asc' } }] },
  );
  return extensions.map((extension) => ({
    studentId: extension.student.id,
    studentName: displayName(extension.student),
    dueAt: toTimestamp(extension.dueAt),
  }));
}
