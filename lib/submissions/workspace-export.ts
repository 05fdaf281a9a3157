import type { EntityManager } from '@mikro-orm/postgresql';
import type * as Y from 'yjs';
import type { SubmissionStatus } from '@/entities';
import { peerLabel, peerNumberOf } from '@/lib/activities/peer-labels';
import { requireConversationMember, type ConversationMemberAccess } from '@/lib/conversations/conversation-access';
import { NotFoundError } from '@/lib/errors';
import type { WorkspaceExportInput } from '@/lib/export/workspace-markdown';
import { workspaceToMarkdown } from '@/lib/export/workspace-markdown';
import { workspaceToPdf } from '@/lib/export/workspace-pdf';
import { relabelAuthor } from './anonymous-authors';
import { withStoredDocument } from './stored-document';

/*
 * One workspace exported (Markdown with its response, or a PDF to hand in), for anyone who
 * may read it (`requireConversationMember`: its student, the instructors, and peers once it
 * is shared). A peer sees the student's name as the activity shows peers ("Peer 2" where
 * peers are anonymous, in the header and as the author of the student's highlights and
 * comments), and never the grade or the feedback.
 */

/** What an export's header states, besides the document. */
export type WorkspaceExportFacts = Omit<WorkspaceExportInput, 'doc' | 'exportedAt'>;

/** A workspace's facts as `workspaceFactsSql` reads them. */
export interface WorkspaceFactsRow {
  conversation_id: string;
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

/** The query of workspaces' facts (`WorkspaceFactsRow`), to which the caller adds its `where`. */
export const workspaceFactsSql = `select c.id as conversation_id, c.title, s.status, s.submitted_at, s.late, s.grade, s.feedback,
            a.id as activity_id, a.title as activity_title, a.grade_out_of, a.anonymous_peers, s.student_id, u.name, u.email
       from conversations c
       join submissions s on s.conversation_id = c.id
       join activities a on a.id = s.activity_id
       join users u on u.id = s.student_id`;

export interface ExportedWorkspace {
  title: string;
  studentName: string;
}

/** What one reader's export of a workspace says, and how its document is shown to them. */
interface ReaderExport {
  facts: WorkspaceExportFacts;
  /** Makes the loaded document fit for this reader (an anonymous student's name replaced). */
  prepare: (doc: Y.Doc) => void;
}

/** The workspace as Markdown (`workspaceToMarkdown`), or null when the conversation is no workspace. Authorizes. */
export async function exportWorkspaceMarkdown(em: EntityManager, userId: string, conversationId: string, exportedAt = new Date()): Promise<(ExportedWorkspace & { markdown: string }) | null> {
  return workspaceMarkdownFor(em, await requireConversationMember(em, userId, conversationId), exportedAt);
}

/** `exportWorkspaceMarkdown` for a reader whose access the caller has checked already. */
export async function workspaceMarkdownFor(em: EntityManager, access: ConversationMemberAccess, exportedAt = new Date()): Promise<(ExportedWorkspace & { markdown: string }) | null> {
  const reader = await readerExport(em, access);
  if (!reader) return null;
  const { facts, prepare } = reader;
  const markdown = await withStoredDocument(em, access.conversation.id, (doc) => {
    prepare(doc);
    return workspaceToMarkdown({ ...facts, doc, exportedAt });
  });
  return { title: facts.title, studentName: facts.studentName, markdown };
}

/** The workspace as a PDF (`workspaceToPdf`); a conversation that is no workspace: `NotFoundError` (it has no PDF). Authorizes. */
export async function exportWorkspacePdf(em: EntityManager, userId: string, conversationId: string, exportedAt = new Date()): Promise<ExportedWorkspace & { pdf: Buffer }> {
  const reader = await readerExport(em, await requireConversationMember(em, userId, conversationId));
  if (!reader) throw new NotFoundError('workspace');
  const { facts, prepare } = reader;
  const pdf = await withStoredDocument(em, conversationId, (doc) => {
    prepare(doc);
    return workspaceToPdf({ ...facts, doc, exportedAt });
  });
  return { title: facts.title, studentName: facts.studentName, pdf };
}

/** The header facts of a workspace for this reader, or null when it is no workspace. Authorizes. */
export async function workspaceFactsFor(em: EntityManager, userId: string, conversationId: string): Promise<WorkspaceExportFacts | null> {
  return (await readerExport(em, await requireConversationMember(em, userId, conversationId)))?.facts ?? null;
}

async function readerExport(em: EntityManager, access: ConversationMemberAccess): Promise<ReaderExport | null> {
  if (access.kind !== 'workspace') return null;
  const [row] = await em.execute<WorkspaceFactsRow[]>(`${workspaceFactsSql} where c.id = ?`, [access.conversation.id]);
  if (!row) return null;
  const mayReadAssessment = access.isOwner || access.role === 'instructor';
  if (mayReadAssessment || !row.anonymous_peers) return { facts: toFacts(row, peerLabel(false, row, 0), mayReadAssessment), prepare: () => undefined };
  const label = peerLabel(true, row, (await peerNumberOf(em, row.activity_id, row.student_id)) ?? 0);
  return { facts: toFacts(row, label, false), prepare: (doc) => relabelAuthor(doc, row.student_id, label) };
}

/** The facts of a workspace from its row, for a reader who may or may not see its grade and feedback. */
export function toFacts(row: WorkspaceFactsRow, studentName: string, mayReadAssessment: boolean): WorkspaceExportFacts {
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
