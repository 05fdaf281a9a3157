import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity, Class, Conversation, User } from '@/entities';
import { assertClassNotArchived, requireClassInstructor, requireClassMember } from '@/lib/classes/class-access';
import { InvalidError } from '@/lib/errors';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { parseInput, parsePatch } from '@/lib/parse-input';
import { activityVisibleTo, requireActivityForInstructor, requireActivityForMember } from './activity-access';
import { assertActivityRules } from './activity-rules';
import { createActivitySchema, updateActivitySchema, type ActivityCreateInput, type ActivityForViewer, type ActivityRead, type ActivityUpdateInput } from './activity-schemas';
import { activitiesForViewer, toActivityRead } from './activity-views';
import { copyDocumentOf, insertConversationCopy } from './conversation-copy';
import { setVocabularyLocked } from '@/lib/vocabularies/vocabulary-administration';
import { startingTagsFor } from './starting-tags';

export { requireActivityForMember } from './activity-access';

/**
 * An instructor posts an activity in their class, unpublished. Its starting point is made
 * now: for an `individual` activity a template (kind `template`, instructors only) that is a
 * copy of `templateConversationId` as it stands, or an empty transcript to fill in later;
 * for a `class` activity the one conversation everyone works in (in the class's list), a
 * copy of `templateConversationId` when given.
 */
export async function createActivity(em: EntityManager, userId: string, classId: string, input: ActivityCreateInput | unknown): Promise<ActivityRead> {
  const data = parseInput(createActivitySchema, input);
  const { entity: classEntity } = await requireClassInstructor(em, userId, classId);
  assertClassNotArchived(classEntity);
  assertActivityRules(data);
  const sourceId = data.templateConversationId ?? null;
  if (sourceId) await requireClassConversation(em, classId, sourceId);
  const { templateConversationId: _source, ...fields } = data;

  // A class activity's conversation is worked in at once, so an empty one gets the class's tags.
  const prepare = data.mode === 'class' && !sourceId ? (await startingTagsFor(em, classId, null)).apply : undefined;
  const copy = await copyDocumentOf(em, { sourceId, writerUserId: userId, prepare });
  const activity = await em.transactional(async (transaction) => {
    const created = transaction.create(Activity, {
      ...fields,
      published: false,
      class: transaction.getReference(Class, classId),
      createdBy: transaction.getReference(User, userId),
    });
    await transaction.flush();
    const conversation = await insertConversationCopy(transaction, copy, {
      sourceId,
      fields: {
        classId,
        ownerId: userId,
        activityId: created.id,
        kind: data.mode === 'individual' ? 'template' : 'conversation',
        title: data.title,
        tagsLocked: data.tagsLocked,
      },
    });
    if (data.mode === 'individual') created.template = conversation;
    else created.sharedConversation = conversation;
    await transaction.flush();
    return created;
  });
  return toActivityRead(activity);
}

/** A template's source: a class conversation (not a template or workspace) of the same class, not in the trash. */
async function requireClassConversation(em: EntityManager, classId: string, conversationId: string): Promise<void> {
  const found = await em.count(Conversation, { id: conversationId, class: classId, kind: 'conversation', deletedAt: null });
  if (found === 0) throw new InvalidError('templateConversationId', 'templateConversationId must be a conversation of this class');
}

/**
 * An instructor changes an activity's settings or publishes it. The dates and word limits
 * are checked together with what is stored (the due date after the opening date, the
 * minimum of words at most the maximum). `tagsLocked` locks or opens the activity's
 * vocabulary with its workspaces (`setVocabularyLocked`, which tells their live connections).
 */
export async function updateActivity(em: EntityManager, userId: string, activityId: string, input: ActivityUpdateInput | unknown): Promise<ActivityRead> {
  const changes = parsePatch(updateActivitySchema, input);
  const activity = await requireActivityForInstructor(em, userId, activityId);
  assertClassNotArchived(activity.class);
  const merged = {
    opensAt: changes.opensAt !== undefined ? changes.opensAt : (activity.opensAt ?? null),
    dueAt: changes.dueAt !== undefined ? changes.dueAt : (activity.dueAt ?? null),
    responseMinWords: changes.responseMinWords !== undefined ? changes.responseMinWords : (activity.responseMinWords ?? null),
    responseMaxWords: changes.responseMaxWords !== undefined ? changes.responseMaxWords : (activity.responseMaxWords ?? null),
  };
  assertActivityRules(merged, new Set(Object.keys(changes)));
  const { tagsLocked, ...settings } = changes;
  const wasOpen = activityVisibleTo('student', activity, new Date());
  em.assign(activity, settings);
  await em.flush();
  // Unpublished again, or its opening moved later: students' open connections to its class
  // conversation and peers' to its shared workspaces are decided again (and published: no harm).
  if (wasOpen !== activityVisibleTo('student', activity, new Date())) publishDomainEvent({ type: 'activity.visibility-changed', classId: activity.class.id });
  if (tagsLocked !== undefined) activity.tagsLocked = (await setVocabularyLocked(em, userId, { activityId }, { locked: tagsLocked })).locked;
  return toActivityRead(activity);
}

/**
 * A class's activities as the caller sees them: instructors, all of them; students, those
 * published and open, with their own workspace. Soonest due first (undated last), then newest.
 */
export async function listClassActivities(em: EntityManager, userId: string, classId: string): Promise<ActivityForViewer[]> {
  const { role } = await requireClassMember(em, userId, classId);
  const now = new Date();
  const activities = await em.find(Activity, { class: classId }, { orderBy: { dueAt: 'asc nulls last', createdAt: 'desc', id: 'asc' } });
  return activitiesForViewer(
    em,
    userId,
    role,
    activities.filter((activity) => activityVisibleTo(role, activity, now)),
    now,
  );
}

/** One activity as the caller sees it (`requireActivityForMember` says who may). */
export async function getActivity(em: EntityManager, userId: string, activityId: string): Promise<ActivityForViewer> {
  const { activity, role } = await requireActivityForMember(em, userId, activityId);
  const [read] = await activitiesForViewer(em, userId, role, [activity]);
  return read as ActivityForViewer;
}
