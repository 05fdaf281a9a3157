import type { EntityManager } from '@mikro-orm/postgresql';
import type { Activity, MembershipRole, SubmissionStatus } from '@/entities';
import { toTimestamp } from '@/lib/field-schemas';
import { isActivityOpen } from './activity-access';
import type { ActivityForViewer, ActivityRead, StudentWorkspaceRead } from './activity-schemas';
import { instructionsToHtml } from './instructions-html';
import { numberedSubmissionsSql, peerLabel } from './peer-labels';
import { sqlUuidArray } from './sql-uuid-array';

/** A date of an entity or a raw row (the driver gives `Date`s; a string is accepted too) as a timestamp. */
const timestampOrNull = (date: Date | string | null | undefined): string | null => (date ? toTimestamp(new Date(date)) : null);

/** An activity as the API gives it to its instructors. */
export function toActivityRead(activity: Activity): ActivityRead {
  return {
    id: activity.id,
    classId: activity.class.id,
    title: activity.title,
    instructions: activity.instructions,
    instructionsHtml: instructionsToHtml(activity.instructions),
    mode: activity.mode,
    opensAt: timestampOrNull(activity.opensAt),
    dueAt: timestampOrNull(activity.dueAt),
    published: activity.published,
    allowLateSubmissions: activity.allowLateSubmissions,
    responseMinWords: activity.responseMinWords ?? null,
    responseMaxWords: activity.responseMaxWords ?? null,
    responseWordLimitHard: activity.responseWordLimitHard,
    gradeOutOf: activity.gradeOutOf ?? null,
    anonymousPeers: activity.anonymousPeers,
    tagsLocked: activity.tagsLocked,
    templateConversationId: activity.template?.id ?? null,
    sharedConversationId: activity.sharedConversation?.id ?? null,
    createdAt: toTimestamp(activity.createdAt),
    updatedAt: toTimestamp(activity.updatedAt),
  };
}

interface WorkspaceRow {
  activity_id: string;
  conversation_id: string;
  status: SubmissionStatus;
  submitted_at: Date | null;
  returned_at: Date | null;
  late: boolean;
  grade: string | null;
  feedback: string;
}

interface SharedWorkspaceRow {
  activity_id: string;
  conversation_id: string;
  peer_number: number;
  name: string | null;
  email: string;
}

/**
 * Activities of one class as `userId` (of `role` there) sees them, in three queries however
 * many there are: a student's own workspaces, their extensions, and peers' shared
 * workspaces. Instructors see every field and no workspace of their own.
 */
export async function activitiesForViewer(em: EntityManager, userId: string, role: MembershipRole, activities: Activity[], now: Date = new Date()): Promise<ActivityForViewer[]> {
  const base = (activity: Activity): ActivityForViewer => ({
    ...toActivityRead(activity),
    role,
    workspace: null,
    effectiveDueAt: timestampOrNull(activity.dueAt),
    open: isActivityOpen(activity, now),
    sharedWorkspaces: [],
  });
  if (role === 'instructor' || activities.length === 0) return activities.map(base);

  const ids = sqlUuidArray(activities.map((activity) => activity.id));
  const [workspaces, extensions, shared] = await Promise.all([
    em.execute<WorkspaceRow[]>(
      `select s.activity_id, s.conversation_id, s.status, s.submitted_at, s.returned_at, s.late, s.grade, s.feedback
         from submissions s join conversations c on c.id = s.conversation_id
        where s.activity_id = any(?::uuid[]) and s.student_id = ? and c.deleted_at is null`,
      [ids, userId],
    ),
    em.execute<Array<{ activity_id: string; due_at: Date }>>('select activity_id, due_at from activity_extensions where activity_id = any(?::uuid[]) and student_id = ?', [ids, userId]),
    em.execute<SharedWorkspaceRow[]>(
      `select numbered.activity_id, numbered.conversation_id, numbered.peer_number, u.name, u.email
         from (${numberedSubmissionsSql}) numbered
         join conversations c on c.id = numbered.conversation_id
         join users u on u.id = numbered.student_id
        where c.shared_with_class and c.deleted_at is null and numbered.student_id <> ?
        order by numbered.activity_id, numbered.peer_number`,
      [ids, userId],
    ),
  ]);
  const workspaceOf = new Map(workspaces.map((row) => [row.activity_id, row]));
  const extensionOf = new Map(extensions.map((row) => [row.activity_id, row.due_at]));
  return activities.map((activity) => {
    const read = base(activity);
    const workspace = workspaceOf.get(activity.id);
    return {
      ...read,
      // A student opens the template only by starting: its id is of no use to them.
      templateConversationId: null,
      workspace: workspace ? toStudentWorkspaceRead(workspace) : null,
      effectiveDueAt: timestampOrNull(extensionOf.get(activity.id) ?? activity.dueAt),
      sharedWorkspaces: shared
        .filter((row) => row.activity_id === activity.id)
        .map((row) => ({ conversationId: row.conversation_id, ownerLabel: peerLabel(activity.anonymousPeers, row, row.peer_number) })),
    };
  });
}

function toStudentWorkspaceRead(row: WorkspaceRow): StudentWorkspaceRead {
  return {
    conversationId: row.conversation_id,
    status: row.status,
    submittedAt: timestampOrNull(row.submitted_at),
    returnedAt: timestampOrNull(row.returned_at),
    late: row.late,
    grade: row.grade,
    feedback: row.feedback,
  };
}
