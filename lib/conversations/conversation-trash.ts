import type { EntityManager } from '@mikro-orm/postgresql';
import { Conversation, Membership } from '@/entities';
import { requireClassMember } from '@/lib/classes/class-access';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { toTimestamp } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';
import { displayName } from '@/lib/users/display-name';
import { toConversationRead, type ConversationRead } from './conversation-schemas';
import { activityOpenToStudentsSql, conversationVisibleTo } from './conversation-access';
import { canRestore } from './trash-permissions';

/** A conversation in its class's trash, as `GET /api/classes/:id/trash` lists it. */
export interface TrashItem {
  id: string;
  title: string;
  ownerId: string;
  deletedAt: string;
  /** Who deleted it; null once that account is gone. */
  deletedBy: { userId: string; name: string } | null;
  /** When the purge removes it for good, unless it is restored first. */
  purgeAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a conversation deleted at `deletedAt` is removed for good. */
export function purgeDate(deletedAt: Date): Date {
  return new Date(deletedAt.getTime() + limits.trash.retentionDays * DAY_MS);
}

/**
 * A class's trash, most recently deleted first: every conversation in it for instructors,
 * their own class conversations for a student (see `canRestore`). One query, without the documents or their text.
 */
export async function listClassTrash(em: EntityManager, userId: string, classId: string): Promise<{ items: TrashItem[] }> {
  const { role } = await requireClassMember(em, userId, classId);
  const conversations = await em.find(
    Conversation,
    { class: classId, deletedAt: { $ne: null }, ...(role === 'instructor' ? {} : { owner: userId, kind: 'conversation' }) },
    {
      populate: ['deletedBy'],
      fields: ['id', 'title', 'owner', 'deletedAt', 'deletedBy.id', 'deletedBy.name'],
      orderBy: [{ deletedAt: 'desc' }, { id: 'desc' }],
    },
  );
  return {
    items: conversations.map((conversation) => {
      const deletedAt = conversation.deletedAt as Date;
      const deletedBy = conversation.deletedBy;
      return {
        id: conversation.id,
        title: conversation.title,
        ownerId: conversation.owner.id,
        deletedAt: toTimestamp(deletedAt),
        deletedBy: deletedBy ? { userId: deletedBy.id, name: displayName(deletedBy) } : null,
        purgeAt: toTimestamp(purgeDate(deletedAt)),
      };
    }),
  };
}

/**
 * Takes a conversation out of the trash (instructors, or its owner): it is back in every
 * list and opens live again. A conversation that is not in the trash (never deleted, or
 * already restored: a second restore, even at the same moment, changes nothing) answers
 * `ConflictError`; one the caller may not see in the trash, or purged, `NotFoundError`.
 */
export async function restoreConversation(em: EntityManager, userId: string, conversationId: string): Promise<ConversationRead> {
  requireWellFormedId(conversationId, 'conversation');
  const conversation = await em.findOne(Conversation, { id: conversationId }, { fields: ['id', 'class', 'owner', 'deletedAt', 'kind', 'sharedWithClass', 'activity'] });
  if (!conversation) throw new NotFoundError('conversation');
  const membership = await em.findOne(Membership, { user: userId, class: conversation.class.id }, { fields: ['role'] });
  if (!membership) throw new NotFoundError('conversation');
  const viewer = {
    role: membership.role,
    isOwner: conversation.owner.id === userId,
    kind: conversation.kind,
    sharedWithClass: conversation.sharedWithClass,
    activityHidden: conversation.activity ? await activityHiddenFromStudents(em, conversationId) : false,
  };
  // A private workspace or a template is, to anyone else, no conversation at all, in the trash or not.
  if (!conversationVisibleTo(viewer)) throw new NotFoundError('conversation');
  const inTrash = conversation.deletedAt !== null && conversation.deletedAt !== undefined;
  if (inTrash && !canRestore(viewer)) throw new NotFoundError('conversation');
  const restored = inTrash ? await em.nativeUpdate(Conversation, { id: conversationId, deletedAt: { $ne: null } }, { deletedAt: null, deletedBy: null }) : 0;
  if (restored === 0) throw new ConflictError('This conversation is not in the trash (it may have been restored already).');
  const live = await em.fork().findOne(Conversation, { id: conversationId, deletedAt: null });
  // Purged or deleted again in the instant since.
  if (!live) throw new NotFoundError('conversation');
  return toConversationRead(live);
}

/** Whether the activity the conversation belongs to is unpublished or not open yet (`activityOpenToStudentsSql`). */
async function activityHiddenFromStudents(em: EntityManager, conversationId: string): Promise<boolean> {
  const [row] = await em.execute<{ hidden: boolean }[]>(`select not ${activityOpenToStudentsSql} as hidden from conversations c where c.id = ?`, [conversationId]);
  return row?.hidden ?? false;
}
