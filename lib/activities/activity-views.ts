import type { EntityManager } from '@mikro-orm/postgresql';
import type { Activity, MembershipRole, SubmissionStatus } from '@/entities';
import { timestampOrNull, toTimestamp } from '@/lib/field-schemas';
import { isActivityOpen } from './activity-access';
import type { ActivityForViewer, ActivityRead, StudentWorkspaceRead } from './activity-schemas';
import { effectiveDueAt } from './due-dates';
import { instructionsToHtml } from './instructions-html';
import { numberedSubmissionsSql, peerLabel } from './peer-labels';
import { sqlUuidArray } from './sql-uuid-array';

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

/** A submission's row as the queries read it (the driver gives dates as `Date`s or text). */
export interface SubmissionReadRow {
  status: SubmissionStatus;
  submitted_at: Date | string | null;
  returned_at: Date | string | null;
  late: boolean;
  grade: string | null;
  feedback: string;
}

interface WorkspaceRow extends SubmissionReadRow {
  activity_id: string;
  conversation_id: string;
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
 * many there are: a student's own workspaces, their extensions, and the shared workspaces of
 * peers still in the class. Instructors see every field and no workspace of their own.
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
         -- Only current members: a student who left the class is no one's peer.
         join memberships m on m.class_id = c.class_id and m.user_id = numbered.student_id
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
      workspace: workspace ? toStudentWorkspaceRead(workspace.conversation_id, workspace) : null,
      effectiveDueAt: timestampOrNull(effectiveDueAt(activity.dueAt, extensionOf.get(activity.id))),
      sharedWorkspaces: shared
        .filter((row) => row.activity_id === activity.id)
        .map((row) => ({ conversationId: row.conversation_id, ownerLabel: peerLabel(activity.anonymousPeers, row, row.peer_number) })),
    };
  });
}

/** A workspace's submission as its student (and its instructors) read it: the one mapping of a submission row. */
export function toStudentWorkspaceRead(conversationId: string, row: SubmissionReadRow): StudentWorkspaceRead {
  return {
    conversationId,
    status: row.status,
    submittedAt: timestampOrNull(row.submitted_at),
    returnedAt: timestampOrNull(row.returned_at),
    late: row.late,
    grade: row.grade,
    feedback: row.feedback,
  };
}
