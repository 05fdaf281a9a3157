import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubmissionStatus } from '@/entities';
import { peerLabel, peerNumberOf } from '@/lib/activities/peer-labels';
import { requireConversationMember } from '@/lib/conversations/conversation-access';
import { NotFoundError } from '@/lib/errors';
import type { WorkspaceExportInput } from '@/lib/export/workspace-markdown';
import { workspaceToMarkdown } from '@/lib/export/workspace-markdown';
import { workspaceToPdf } from '@/lib/export/workspace-pdf';
import { withStoredDocument } from './stored-document';

/*
 * One workspace exported (Markdown with its response, or a PDF to hand in), for anyone who
 * may read it (`requireConversationMember`: its student, the instructors, and peers once it
 * is shared). A peer sees the student's name as the activity shows peers ("Peer 2" where
 * peers are anonymous), and never the grade or the feedback.
 */

/** What an export's header states, besides the document. */
export type WorkspaceExportFacts = Omit<WorkspaceExportInput, 'doc' | 'exportedAt'>;

interface WorkspaceFactsRow {
  title: string;
  status: SubmissionStatus;
  submitted_at: string | Date | null;
  late: boolean;
  grade: string | null;
  feedback: string;
  activity_id: string;
  activity_title: string;
  grade_out_of: number | null;
  anonymous_peers: boolean;
  student_id: string;
  name: string;
  email: string;
}

export interface ExportedWorkspace {
  title: string;
  studentName: string;
}

/** The workspace as Markdown (`workspaceToMarkdown`), or null when the conversation is no workspace. */
export async function exportWorkspaceMarkdown(em: EntityManager, userId: string, conversationId: string, exportedAt = new Date()): Promise<(ExportedWorkspace & { markdown: string }) | null> {
  const facts = await workspaceFactsFor(em, userId, conversationId);
  if (!facts) return null;
  const markdown = await withStoredDocument(em, conversationId, (doc) => workspaceToMarkdown({ ...facts, doc, exportedAt }));
  return { title: facts.title, studentName: facts.studentName, markdown };
}

/** The workspace as a PDF (`workspaceToPdf`); a conversation that is no workspace: `NotFoundError` (it has no PDF). */
export async function exportWorkspacePdf(em: EntityManager, userId: string, conversationId: string, exportedAt = new Date()): Promise<ExportedWorkspace & { pdf: Buffer }> {
  const facts = await workspaceFactsFor(em, userId, conversationId);
  if (!facts) throw new NotFoundError('workspace');
  const pdf = await withStoredDocument(em, conversationId, (doc) => workspaceToPdf({ ...facts, doc, exportedAt }));
  return { title: facts.title, studentName: facts.studentName, pdf };
}

/** The header facts of a workspace for this reader, or null when it is no workspace. Authorizes. */
export async function workspaceFactsFor(em: EntityManager, userId: string, conversationId: string): Promise<WorkspaceExportFacts | null> {
  const access = await requireConversationMember(em, userId, conversationId);
  if (access.kind !== 'workspace') return null;
  const [row] = await em.execute<WorkspaceFactsRow[]>(
    `select c.title, s.status, s.submitted_at, s.late, s.grade, s.feedback, a.id as activity_id, a.title as activity_title, a.grade_out_of,
            a.anonymous_peers, s.student_id, u.name, u.email
       from conversations c
       join submissions s on s.conversation_id = c.id
       join activities a on a.id = s.activity_id
       join users u on u.id = s.student_id
      where c.id = ?`,
    [conversationId],
  );
  if (!row) return null;
  const mayReadAssessment = access.isOwner || access.role === 'instructor';
  const studentName = mayReadAssessment || !row.anonymous_peers ? peerLabel(false, row, 0) : peerLabel(true, row, (await peerNumberOf(em, row.activity_id, row.student_id)) ?? 0);
  return toFacts(row, studentName, mayReadAssessment);
}

/** The facts of a workspace from its row, for a reader who may or may not see its grade and feedback. */
export function toFacts(row: Omit<WorkspaceFactsRow, 'activity_id' | 'anonymous_peers' | 'student_id' | 'name' | 'email'>, studentName: string, mayReadAssessment: boolean): WorkspaceExportFacts {
  return {
    title: row.title,
    studentName,
    activityTitle: row.activity_title,
    status: row.status,
    submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at),
    late: row.late,
    grade: mayReadAssessment ? row.grade : null,
    gradeOutOf: row.grade_out_of,
    feedback: mayReadAssessment ? row.feedback : '',
  };
}
