import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { SubmissionStatus } from '@/entities';
import { describeWordCount } from '@/lib/activities/word-limits';
import type { StudentWorkspaceRead } from '@/lib/activities/activity-schemas';
import { toStudentWorkspaceRead } from '@/lib/activities/activity-views';
import { duePassed, effectiveDueAt, isLate } from '@/lib/activities/due-dates';
import { assertClassNotArchived } from '@/lib/classes/class-access';
import { changeConversation } from '@/lib/conversations/conversation-administration';
import { requireConversationMember, type ConversationMemberAccess } from '@/lib/conversations/conversation-access';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@/lib/errors';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { optionalText, timestampOrNull } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';
import { parseInput } from '@/lib/parse-input';
import { documentSummary, type DocumentSummary } from '@/lib/sync/document-summary';
import { liveDocuments, LiveDocumentsUnavailableError } from '@/lib/sync/live-documents';
import { withHandedInDocument } from './handed-in-document';
import { withStoredDocument } from './stored-document';

/*
 * A workspace's submission, from its student handing it in to an instructor returning it:
 * in_progress or returned → submitted (its student; read-only for them from then on, which
 * the sync engine enforces through the one access rule), submitted → in_progress (its student,
 * before the due date), any → returned (instructors, with a grade and feedback; returning work
 * never submitted is how an instructor grades missing work, and returning returned work again
 * corrects its grade). Each change takes the submission's row lock, so two at once are made one
 * after the other, and publishes `conversation.access-changed` after its commit: the engine
 * then decides again every open connection to the workspace.
 */

/** The submission with what its rules read, as locked by `lockedSubmission`. */
interface SubmissionRow {
  id: string;
  status: SubmissionStatus;
  submitted_at: Date | null;
  returned_at: Date | null;
  late: boolean;
  grade: string | null;
  feedback: string;
  due_at: Date | null;
  extension_due_at: Date | null;
  allow_late_submissions: boolean;
  response_min_words: number | null;
  response_max_words: number | null;
  response_word_limit_hard: boolean;
  grade_out_of: number | null;
}

/** Hands in the workspace: its student only. Submitting submitted work again changes nothing (a double click, two tabs). */
export async function submitWorkspace(em: EntityManager, userId: string, conversationId: string): Promise<StudentWorkspaceRead> {
  const access = await requireWorkspace(em, userId, conversationId);
  if (!access.isOwner) throw new ForbiddenError('Only its student can submit a workspace.');
  assertClassNotArchived(access.conversation.class);
  // The document as stored, read before the lock is taken (the lock stays short).
  const { words, summary } = await withStoredDocument(em, conversationId, (doc, owners) => {
    const summary = documentSummary(doc, (clientId) => owners.get(clientId));
    return { words: summary.responseWords, summary };
  });
  const result = await em.transactional(async (transaction) => {
    const row = await lockedSubmission(transaction, conversationId);
    if (row.status === 'submitted') return { row, changed: false };
    const now = new Date();
    const dueAt = effectiveDueAt(row.due_at, row.extension_due_at);
    const late = isLate(now, dueAt);
    if (late && !row.allow_late_submissions) {
      throw new ConflictError(`It was due ${timestampOrNull(dueAt)}, and this activity does not accept late submissions: ask an instructor for an extension.`);
    }
    const limitsOfResponse = { min: row.response_min_words, max: row.response_max_words, hard: row.response_word_limit_hard };
    if (describeWordCount(words, limitsOfResponse).blocksSubmission) throw new InvalidError('response', wordLimitMessage(words, limitsOfResponse));
    const [updated] = await transaction.execute<SubmissionRow[]>(
      `update submissions set status = 'submitted', submitted_at = ?, late = ? where id = ? returning status, submitted_at, returned_at, late, grade, feedback`,
      [now, late, row.id],
    );
    await writeSummary(transaction, conversationId, summary);
    return { row: { ...row, ...updated }, before: row, changed: true };
  });
  if (!result.changed) return toStudentWorkspaceRead(conversationId, result.row);
  publishDomainEvent({ type: 'conversation.access-changed', conversationId });
  await checkWhatWasHandedIn(em, userId, conversationId, result.row, result.before!);
  return toStudentWorkspaceRead(conversationId, result.row);
}

/**
 * Once the submission is committed and the student's connections are read-only, what was
 * handed in is read again from the live room: words sent in the moment between the first
 * count and the commit are counted now. Over a hard limit, the submission is taken back (as
 * it was) with the reason; otherwise its summary is the handed-in document's, and a version
 * of it is kept ("Submitted"), so what was handed in stays whatever anyone edits later.
 */
async function checkWhatWasHandedIn(em: EntityManager, userId: string, conversationId: string, submitted: SubmissionRow, before: SubmissionRow): Promise<void> {
  const summary = await withHandedInDocument(em, conversationId, (doc, owners) => documentSummary(doc, (clientId) => owners.get(clientId)));
  const limitsOfResponse = { min: submitted.response_min_words, max: submitted.response_max_words, hard: submitted.response_word_limit_hard };
  if (describeWordCount(summary.responseWords, limitsOfResponse).blocksSubmission) {
    await em.execute(`update submissions set status = ?, submitted_at = ?, late = ? where id = ? and status = 'submitted' and submitted_at = ?`, [
      before.status,
      before.submitted_at,
      before.late,
      submitted.id,
      submitted.submitted_at,
    ]);
    publishDomainEvent({ type: 'conversation.access-changed', conversationId });
    throw new InvalidError('response', wordLimitMessage(summary.responseWords, limitsOfResponse));
  }
  await writeSummary(em, conversationId, summary);
  await keepSubmittedVersion(conversationId, userId);
}

/** A version of the work as handed in, when the live-sync engine runs in this process (it keeps versions). */
async function keepSubmittedVersion(conversationId: string, userId: string): Promise<void> {
  try {
    await liveDocuments().keepVersion(conversationId, { userId, label: 'Submitted' });
  } catch (error) {
    if (!(error instanceof LiveDocumentsUnavailableError)) throw error;
  }
}

/** Takes submitted work back to in progress: its student, before the due date (their extension, else the activity's). */
export async function unsubmitWorkspace(em: EntityManager, userId: string, conversationId: string): Promise<StudentWorkspaceRead> {
  const access = await requireWorkspace(em, userId, conversationId);
  if (!access.isOwner) throw new ForbiddenError('Only its student can unsubmit a workspace.');
  assertClassNotArchived(access.conversation.class);
  const row = await em.transactional(async (transaction) => {
    const row = await lockedSubmission(transaction, conversationId);
    if (row.status !== 'submitted') throw new ConflictError(row.status === 'returned' ? 'It has been returned already: you can edit it again.' : 'It is not submitted.');
    const dueAt = effectiveDueAt(row.due_at, row.extension_due_at);
    if (duePassed(dueAt)) throw new ConflictError(`It was due ${timestampOrNull(dueAt)}: after the due date, only an instructor can return it to you.`);
    const [updated] = await transaction.execute<SubmissionRow[]>(
      `update submissions set status = 'in_progress', submitted_at = null, late = false where id = ? returning status, submitted_at, returned_at, late, grade, feedback`,
      [row.id],
    );
    return { ...row, ...updated };
  });
  publishDomainEvent({ type: 'conversation.access-changed', conversationId });
  return toStudentWorkspaceRead(conversationId, row);
}

const returnSchema = z.object(
  {
    feedback: optionalText(limits.submissions.feedbackCharacters).optional(),
    /** A number (or a numeric string) from 0 to the activity's `gradeOutOf`, else free text; null or '' clears it. */
    grade: z.union([z.number(), z.string(), z.null()], { error: 'must be a number, text or null' }).optional(),
  },
  { error: 'must be an object' },
);

/**
 * Returns the work to its student with a grade and feedback (each kept as it was when not
 * given): instructors of the class. The student can edit again and sees both.
 */
export async function returnWorkspace(em: EntityManager, userId: string, conversationId: string, input: unknown): Promise<StudentWorkspaceRead> {
  const changes = parseInput(returnSchema, input);
  const access = await requireWorkspace(em, userId, conversationId);
  if (access.role !== 'instructor') throw new ForbiddenError('Only the class’s instructors can return work.');
  assertClassNotArchived(access.conversation.class);
  const row = await em.transactional(async (transaction) => {
    const row = await lockedSubmission(transaction, conversationId);
    const grade = changes.grade === undefined ? row.grade : parseGrade(changes.grade, row.grade_out_of);
    const feedback = changes.feedback ?? row.feedback;
    const [updated] = await transaction.execute<SubmissionRow[]>(
      `update submissions set status = 'returned', returned_at = ?, returned_by_id = ?, grade = ?, feedback = ? where id = ?
       returning status, submitted_at, returned_at, late, grade, feedback`,
      [new Date(), userId, grade, feedback, row.id],
    );
    return { ...row, ...updated };
  });
  publishDomainEvent({ type: 'conversation.access-changed', conversationId });
  return toStudentWorkspaceRead(conversationId, row);
}

/** Shares the workspace with the class (read-only for peers) or stops: its student only (`PATCH /api/conversations/:id {sharedWithClass}`). */
export async function setWorkspaceSharing(em: EntityManager, userId: string, conversationId: string, shared: boolean): Promise<{ sharedWithClass: boolean }> {
  await changeConversation(em, userId, conversationId, { sharedWithClass: shared });
  return { sharedWithClass: shared };
}

/** A grade as stored: a number from 0 to `gradeOutOf` when the activity has one, else text; null for none. */
export function parseGrade(grade: number | string | null, gradeOutOf: number | null): string | null {
  if (grade === null || (typeof grade === 'string' && grade.trim() === '')) return null;
  if (gradeOutOf !== null) {
    const value = typeof grade === 'number' ? grade : /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(grade) ? Number(grade) : Number.NaN;
    if (!Number.isFinite(value) || value < 0 || value > gradeOutOf) throw new InvalidError('grade', `grade must be a number from 0 to ${gradeOutOf}`);
    return String(value);
  }
  const text = parseInput(z.object({ grade: optionalText(limits.submissions.gradeCharacters) }), { grade: String(grade) }).grade;
  return text === '' ? null : text;
}

function wordLimitMessage(words: number, { min, max }: { min: number | null; max: number | null }): string {
  const counted = `${words.toLocaleString('en')} ${words === 1 ? 'word' : 'words'}`;
  if (min !== null && words < min) return `The response has ${counted}; this activity needs at least ${min.toLocaleString('en')} to submit.`;
  return `The response has ${counted}; this activity takes at most ${(max ?? 0).toLocaleString('en')} to submit.`;
}

/** The conversation, if the caller may see it and it is a workspace (a class conversation or a template has no submission). */
async function requireWorkspace(em: EntityManager, userId: string, conversationId: string): Promise<ConversationMemberAccess> {
  const access = await requireConversationMember(em, userId, conversationId);
  if (access.kind !== 'workspace') throw new NotFoundError('workspace');
  return access;
}

/** The workspace's submission with its activity's rules and the student's extension, its row locked until the transaction ends. */
async function lockedSubmission(transaction: EntityManager, conversationId: string): Promise<SubmissionRow> {
  const [row] = await transaction.execute<SubmissionRow[]>(
    `select s.id, s.status, s.submitted_at, s.returned_at, s.late, s.grade, s.feedback,
            a.due_at, e.due_at as extension_due_at, a.allow_late_submissions, a.response_min_words, a.response_max_words,
            a.response_word_limit_hard, a.grade_out_of
       from submissions s
       join activities a on a.id = s.activity_id
       left join activity_extensions e on e.activity_id = s.activity_id and e.student_id = s.student_id
      where s.conversation_id = ?
        for update of s`,
    [conversationId],
  );
  if (!row) throw new NotFoundError('workspace');
  return row;
}

/** The summary columns the activity overview reads, from the document as submitted. */
async function writeSummary(transaction: EntityManager, conversationId: string, summary: DocumentSummary): Promise<void> {
  await transaction.execute(
    `update conversations
        set highlight_count = ?, comment_count = ?, response_words = ?, author_characters = ?::jsonb,
            last_edited_at = greatest(last_edited_at, (select max(created_at) from conversation_updates where conversation_id = ?))
      where id = ?`,
    [summary.highlightCount, summary.commentCount, summary.responseWords, JSON.stringify(summary.authorCharacters), conversationId, conversationId],
  );
}
