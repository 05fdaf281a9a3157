import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity, Extension, Submission, User } from '@/entities';
import { assertClassNotArchived } from '@/lib/classes/class-access';
import { isUniqueViolation } from '@/lib/db/constraint-violation';
import { ConflictError, ForbiddenError } from '@/lib/errors';
import { requireActivityForMember } from './activity-access';
import { copyDocumentOf, insertConversationCopy } from './conversation-copy';
import { duePassed, effectiveDueAt } from './due-dates';
import { startingTagsFor } from './starting-tags';

/** The one workspace a student has per activity (`submissions_activity_student_unique`). */
const ONE_WORKSPACE_PER_STUDENT = 'submissions_activity_student_unique';

/**
 * A student starts an activity: in an `individual` one, they get their workspace, a copy of
 * the template's document as it stands now (content, annotations, tags and the client
 * bindings of whoever wrote them) with the activity's vocabulary, owned by them and private,
 * with its submission `in_progress`; later edits of the template do not reach it. Calling
 * again, or many times at once, gives the same workspace: the unique (activity, student)
 * of submissions lets one insert win, and the losers' transactions (their conversation
 * with them) roll back before they read the winner's. In a `class` activity everyone works
 * in its one conversation, whose id this returns.
 */
export async function startWorkspace(em: EntityManager, userId: string, activityId: string): Promise<{ conversationId: string }> {
  const { activity, role } = await requireActivityForMember(em, userId, activityId);
  if (activity.mode === 'class') {
    if (!activity.sharedConversation) throw new ConflictError('This activity’s conversation was deleted: ask an instructor.');
    return { conversationId: activity.sharedConversation.id };
  }
  if (role !== 'student') throw new ForbiddenError('Only students start a workspace: instructors open the activity’s template instead.');

  const existing = await existingWorkspace(em, activityId, userId);
  if (existing) return existing;
  assertClassNotArchived(activity.class);
  await assertStillAccepting(em, activity, userId);

  const tags = await startingTagsFor(em, activity.class.id, activity.id);
  const templateId = activity.template?.id ?? null;
  // The vocabulary is the instructors' work: what it writes is bound to the activity's author.
  const copy = await copyDocumentOf(em, { sourceId: templateId, writerUserId: activity.createdBy.id, prepare: tags.apply });
  try {
    const conversationId = await em.transactional(async (transaction) => {
      // The lock as it is now, with the activity's row held: a lock being set meanwhile
      // (setVocabularyLocked updates the row, then its workspaces) waits and then reaches this one.
      const [current] = await transaction.execute<{ tags_locked: boolean }[]>('select tags_locked from activities where id = ? for share', [activityId]);
      const conversation = await insertConversationCopy(transaction, copy, {
        sourceId: templateId,
        fields: { classId: activity.class.id, ownerId: userId, activityId, kind: 'workspace', title: activity.title, tagsLocked: current?.tags_locked ?? tags.locked },
      });
      transaction.create(Submission, {
        activity: transaction.getReference(Activity, activityId),
        student: transaction.getReference(User, userId),
        conversation,
        status: 'in_progress',
      });
      await transaction.flush();
      return conversation.id;
    });
    return { conversationId };
  } catch (error) {
    if (!isUniqueViolation(error, ONE_WORKSPACE_PER_STUDENT)) throw error;
    // Another call made it first (a double click): that one is the workspace.
    const winner = await existingWorkspace(em.fork(), activityId, userId);
    if (!winner) throw error;
    return winner;
  }
}

/** The student's workspace of the activity, if they started it; one an instructor moved to the trash is not made again. */
async function existingWorkspace(em: EntityManager, activityId: string, studentId: string): Promise<{ conversationId: string } | null> {
  const submission = await em.findOne(Submission, { activity: activityId, student: studentId }, { populate: ['conversation'], fields: ['conversation.deletedAt'] });
  if (!submission) return null;
  if (submission.conversation.deletedAt) throw new ConflictError('Your workspace of this activity is in the class’s trash: ask an instructor to restore it.');
  return { conversationId: submission.conversation.id };
}

/** A student starting after the due date (theirs, with an extension) of an activity that takes no late work is refused. */
async function assertStillAccepting(em: EntityManager, activity: Activity, studentId: string): Promise<void> {
  if (activity.allowLateSubmissions || !activity.dueAt) return;
  const extension = await em.findOne(Extension, { activity: activity.id, student: studentId }, { fields: ['dueAt'] });
  if (duePassed(effectiveDueAt(activity.dueAt, extension?.dueAt))) throw new ConflictError('This activity was due and takes no late work, so it can no longer be started.');
}
