import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity, Class, Conversation, Membership, Submission, User, type SubmissionStatus } from '@/entities';
import { createClassAsUser } from '@/lib/classes/class-administration';
import { toClassRead, type ClassCreateInput, type ClassRead } from '@/lib/classes/class-schemas';
import { toConversationRead, conversationCreateSchema, type ConversationCreateInput, type ConversationRead } from '@/lib/conversations/conversation-schemas';
import { isForeignKeyViolation, isUniqueViolation } from '@/lib/db/constraint-violation';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { membershipCreateSchema, toMembershipRead, type MembershipCreateInput, type MembershipRead } from '@/lib/memberships/membership-schemas';
import { parseInput } from '@/lib/parse-input';

/*
 * Test factories: rows for tests to start from, written without asking who may (tests and
 * the sync test harness only; the app's writes go through `*-administration.ts` and the
 * other authorizing modules). Inputs are still validated by the Create schemas.
 */

/** A class owned by `ownerId`, its first instructor, made as the app makes one (`createClassAsUser`). */
export async function createClass(
  em: EntityManager,
  ownerId: string,
  input: ClassCreateInput,
  generateCode?: () => string,
): Promise<ClassRead> {
  const { id } = await createClassAsUser(em, ownerId, input, generateCode);
  return toClassRead(await em.findOneOrFail(Class, id));
}

/** Makes a user a member of a class; a user is a member of a class at most once. */
export async function addMembership(em: EntityManager, input: MembershipCreateInput): Promise<MembershipRead> {
  const data = parseInput(membershipCreateSchema, input);
  try {
    const membership = await em.transactional(async (transaction) =>
      transaction.create(Membership, {
        user: transaction.getReference(User, data.userId),
        class: transaction.getReference(Class, data.classId),
        role: data.role,
      }),
    );
    return toMembershipRead(membership);
  } catch (error) {
    if (isUniqueViolation(error, 'memberships_user_class_unique')) throw new ConflictError('That user is already a member of this class.');
    if (isForeignKeyViolation(error, 'memberships_user_id_foreign')) throw new NotFoundError('user');
    if (isForeignKeyViolation(error, 'memberships_class_id_foreign')) throw new NotFoundError('class');
    throw error;
  }
}

/**
 * A conversation with `rawText` and no Yjs document, whatever the owner's membership (the
 * app's one way to start one is `startConversation`).
 */
export async function createConversation(
  em: EntityManager,
  context: { classId: string; ownerId: string },
  input: ConversationCreateInput,
): Promise<ConversationRead> {
  const data = parseInput(conversationCreateSchema, input);
  try {
    const conversation = await em.transactional(async (transaction) =>
      transaction.create(Conversation, {
        ...data,
        class: transaction.getReference(Class, context.classId),
        owner: transaction.getReference(User, context.ownerId),
      }),
    );
    return toConversationRead(conversation);
  } catch (error) {
    if (isForeignKeyViolation(error, 'conversations_class_id_foreign')) throw new NotFoundError('class');
    if (isForeignKeyViolation(error, 'conversations_owner_id_foreign')) throw new NotFoundError('user');
    throw error;
  }
}

/** Renames a conversation through the ORM (so `updated_at` moves, as any change does). */
export async function renameConversation(em: EntityManager, id: string, title: string): Promise<void> {
  const conversation = await em.findOneOrFail(Conversation, id);
  conversation.title = title;
  await em.flush();
}

/** An activity of a class, unpublished unless `published`, with no template (the app's way is `createActivity` in lib/activities). */
export async function createActivityRow(
  em: EntityManager,
  context: { classId: string; createdById: string },
  fields: { title?: string; mode?: 'individual' | 'class'; published?: boolean; tagsLocked?: boolean } = {},
): Promise<{ id: string }> {
  const activity = await em.transactional(async (transaction) =>
    transaction.create(Activity, {
      title: fields.title ?? 'Critique the chat',
      mode: fields.mode ?? 'individual',
      published: fields.published ?? true,
      tagsLocked: fields.tagsLocked ?? false,
      class: transaction.getReference(Class, context.classId),
      createdBy: transaction.getReference(User, context.createdById),
    }),
  );
  return { id: activity.id };
}

/**
 * A student's workspace of an activity with its submission (`in_progress`, or `status`), and
 * an optional Yjs document, written directly (the app's way is `startWorkspace`).
 */
export async function createWorkspace(
  em: EntityManager,
  context: { classId: string; ownerId: string; activityId: string },
  fields: { title?: string; rawText?: string; yjsState?: Uint8Array; sharedWithClass?: boolean; tagsLocked?: boolean; status?: SubmissionStatus } = {},
): Promise<ConversationRead> {
  const conversation = await em.transactional(async (transaction) => {
    const created = transaction.create(Conversation, {
      title: fields.title ?? 'My workspace',
      rawText: fields.rawText ?? '',
      yjsState: fields.yjsState ?? null,
      kind: 'workspace',
      sharedWithClass: fields.sharedWithClass ?? false,
      tagsLocked: fields.tagsLocked ?? false,
      class: transaction.getReference(Class, context.classId),
      owner: transaction.getReference(User, context.ownerId),
      activity: transaction.getReference(Activity, context.activityId),
    });
    transaction.create(Submission, {
      activity: transaction.getReference(Activity, context.activityId),
      student: transaction.getReference(User, context.ownerId),
      conversation: created,
      status: fields.status ?? 'in_progress',
      submittedAt: fields.status && fields.status !== 'in_progress' ? new Date() : null,
    });
    return created;
  });
  return toConversationRead(conversation);
}
