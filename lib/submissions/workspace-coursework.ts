import type { EntityManager } from '@mikro-orm/postgresql';
import type { StudentWorkspaceRead } from '@/lib/activities/activity-schemas';
import { toStudentWorkspaceRead, type SubmissionReadRow } from '@/lib/activities/activity-views';
import { duePassed, effectiveDueAt } from '@/lib/activities/due-dates';
import { instructionsToHtml } from '@/lib/activities/instructions-html';
import { peerLabel, peerNumberOf } from '@/lib/activities/peer-labels';
import type { WordLimits } from '@/lib/activities/word-limits';
import { isClassArchived } from '@/lib/classes/class-access';
import { requireConversationMember } from '@/lib/conversations/conversation-access';
import { timestampOrNull } from '@/lib/field-schemas';

/** What a workspace's page shows of its coursework, and what the viewer may do there (the services check each again). */
export interface WorkspaceCoursework {
  activity: {
    id: string;
    title: string;
    instructionsHtml: string;
    dueAt: string | null;
    /** The student's extension, else `dueAt`. */
    effectiveDueAt: string | null;
    gradeOutOf: number | null;
    responseLimits: WordLimits | null;
    allowLateSubmissions: boolean;
    anonymousPeers: boolean;
  };
  /** A peer reading a shared workspace sees no grade and no feedback. */
  submission: StudentWorkspaceRead;
  /** "Peer 2" for a peer where the activity keeps peers anonymous. */
  studentName: string;
  /** The student whose workspace it is (their annotations are shown as `studentName`). */
  studentId: string;
  isOwnStudent: boolean;
  isInstructor: boolean;
  sharedWithClass: boolean;
  may: { submit: boolean; unsubmit: boolean; return: boolean; share: boolean };
}

interface CourseworkRow extends SubmissionReadRow {
  activity_id: string;
  activity_title: string;
  instructions: string;
  due_at: string | Date | null;
  extension_due_at: string | Date | null;
  grade_out_of: number | null;
  response_min_words: number | null;
  response_max_words: number | null;
  response_word_limit_hard: boolean;
  allow_late_submissions: boolean;
  anonymous_peers: boolean;
  student_id: string;
  name: string;
  email: string;
  shared_with_class: boolean;
}

/** The coursework of a workspace for one who may read it; null when the conversation is no workspace. Authorizes (`NotFoundError`). */
export async function courseworkForWorkspace(em: EntityManager, userId: string, conversationId: string, now = new Date()): Promise<WorkspaceCoursework | null> {
  const access = await requireConversationMember(em, userId, conversationId);
  if (access.kind !== 'workspace') return null;
  const [row] = await em.execute<CourseworkRow[]>(
    `select a.id as activity_id, a.title as activity_title, a.instructions, a.due_at, e.due_at as extension_due_at, a.grade_out_of,
            a.response_min_words, a.response_max_words, a.response_word_limit_hard, a.allow_late_submissions, a.anonymous_peers,
            s.status, s.submitted_at, s.returned_at, s.late, s.grade, s.feedback, s.student_id, u.name, u.email, c.shared_with_class
       from submissions s
       join conversations c on c.id = s.conversation_id
       join activities a on a.id = s.activity_id
       join users u on u.id = s.student_id
       left join activity_extensions e on e.activity_id = s.activity_id and e.student_id = s.student_id
      where s.conversation_id = ?`,
    [conversationId],
  );
  if (!row) return null;
  const isOwnStudent = access.isOwner && access.role === 'student';
  const isInstructor = access.role === 'instructor';
  const mayReadAssessment = isOwnStudent || isInstructor;
  const archived = isClassArchived(access.conversation.class);
  const due = effectiveDueAt(row.due_at, row.extension_due_at);
  const beforeDue = !duePassed(due, now);
  const studentName =
    mayReadAssessment || !row.anonymous_peers ? peerLabel(false, row, 0) : peerLabel(true, row, (await peerNumberOf(em, row.activity_id, row.student_id)) ?? 0);
  const hasLimits = row.response_min_words !== null || row.response_max_words !== null;
  return {
    activity: {
      id: row.activity_id,
      title: row.activity_title,
      instructionsHtml: instructionsToHtml(row.instructions),
      dueAt: timestampOrNull(row.due_at),
      effectiveDueAt: timestampOrNull(due),
      gradeOutOf: row.grade_out_of,
      responseLimits: hasLimits ? { min: row.response_min_words, max: row.response_max_words, hard: row.response_word_limit_hard } : null,
      allowLateSubmissions: row.allow_late_submissions,
      anonymousPeers: row.anonymous_peers,
    },
    submission: {
      ...toStudentWorkspaceRead(conversationId, row),
      grade: mayReadAssessment ? row.grade : null,
      feedback: mayReadAssessment ? row.feedback : '',
    },
    studentName,
    studentId: row.student_id,
    isOwnStudent,
    isInstructor,
    sharedWithClass: row.shared_with_class,
    may: {
      submit: isOwnStudent && !archived && row.status !== 'submitted' && (beforeDue || row.allow_late_submissions),
      unsubmit: isOwnStudent && !archived && row.status === 'submitted' && beforeDue,
      return: isInstructor && !archived,
      share: isOwnStudent && !archived,
    },
  };
}
