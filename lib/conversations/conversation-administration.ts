import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Conversation } from '@/entities';
import { assertClassNotArchived, isClassArchived } from '@/lib/classes/class-access';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { flag, requiredText } from '@/lib/field-schemas';
import { parsePatch } from '@/lib/parse-input';
import { requireConversationMember } from './conversation-access';
import { toConversationRead, type ConversationRead } from './conversation-schemas';
import { deletePermission } from './trash-permissions';
import { limits } from '@/lib/limits';
import { assertMayShareWorkspace } from '@/lib/submissions/workspace-sharing';

/** A conversation as the API returns it (`GET /api/conversations/:id`). */
export type ConversationDetail = ConversationRead;

/** With whether the caller may change its document now, and why not (for the page). */
export interface ConversationDetailForMember extends ConversationDetail {
  canEdit: boolean;
}

/** The conversation, for a member of its class. */
export async function getConversationForMember(em: EntityManager, userId: string, conversationId: string): Promise<ConversationDetailForMember> {
  const { conversation, canEdit } = await requireConversationMember(em, userId, conversationId);
  return { ...toConversationRead(conversation), canEdit };
}

const conversationChangeSchema = z.object(
  {
    title: requiredText(limits.fields.titleCharacters).optional(),
    locked: flag().optional(),
    annotateOnly: flag().optional(),
    sharedWithClass: flag().optional(),
  },
  { error: 'must be an object' },
);

/**
 * Renames (its owner or an instructor), locks/unlocks or makes annotate-only (instructors) a
 * conversation, or shares a workspace with the class (its student: `assertMayShareWorkspace`).
 * A lock, an annotate-only change or a share reaches open live connections at once: students'
 * become read-only or text-frozen, peers' open or close. `locked` and `annotateOnly` are kept
 * apart (what `editPermission` makes of both: locked wins); one PATCH may set both at once.
 */
export async function changeConversation(em: EntityManager, userId: string, conversationId: string, input: unknown): Promise<ConversationDetail> {
  const changes = parsePatch(conversationChangeSchema, input);
  const { conversation, role, isOwner, kind, canEdit, readOnlyReason } = await requireConversationMember(em, userId, conversationId);
  assertClassNotArchived(conversation.class);
  if (changes.title !== undefined && !isOwner && role !== 'instructor') throw new ForbiddenError('Only its owner or an instructor can rename a conversation.');
  // Submitted work is read-only for its student, its title with it.
  if (changes.title !== undefined && kind === 'workspace' && role !== 'instructor' && !canEdit) throw new ForbiddenError(readOnlyReason);
  if (changes.locked !== undefined && role !== 'instructor') throw new ForbiddenError('Only instructors can lock or unlock a conversation.');
  if (changes.annotateOnly !== undefined && role !== 'instructor') throw new ForbiddenError('Only instructors can freeze or unfreeze a conversation’s text.');
  if (changes.sharedWithClass !== undefined) assertMayShareWorkspace({ kind, isOwner });
  const sharingChanged = changes.sharedWithClass !== undefined && changes.sharedWithClass !== conversation.sharedWithClass;
  const { locked, annotateOnly, ...others } = changes;
  em.assign(conversation, others);
  await em.flush();
  const lockState = { ...(locked !== undefined && { locked }), ...(annotateOnly !== undefined && { annotateOnly }) };
  if (Object.keys(lockState).length > 0) {
    // Written as given, whatever this request read: of PATCHes at once, the last written wins
    // whole, and each publishes after it commits, so open connections end on the stored state.
    await em.nativeUpdate(Conversation, { id: conversationId }, lockState);
    em.assign(conversation, lockState);
  }
  if (locked !== undefined) publishDomainEvent({ type: 'conversation.locked-changed', conversationId });
  if (sharingChanged || annotateOnly !== undefined) publishDomainEvent({ type: 'conversation.access-changed', conversationId });
  return toConversationRead(conversation);
}

/**
 * Moves a conversation to its class's trash (see `deletePermission` for who may), where it
 * stays restorable until it is purged; open live connections are closed. Of two deletes at
 * once, one moves it and the other finds it gone (`NotFoundError`), as any later one would.
 */
export async function deleteConversation(em: EntityManager, userId: string, conversationId: string): Promise<void> {
  const { conversation, role, isOwner, kind, activityId } = await requireConversationMember(em, userId, conversationId);
  const archived = isClassArchived(conversation.class);
  const permission = deletePermission({ role, isOwner, locked: conversation.locked, archived, kind, activityId });
  if (!permission.canDelete) throw new ForbiddenError(permission.cannotDeleteReason);
  const moved = await em.nativeUpdate(Conversation, { id: conversationId, deletedAt: null }, { deletedAt: new Date(), deletedBy: userId });
  if (moved === 0) throw new NotFoundError('conversation');
  publishDomainEvent({ type: 'conversation.deleted', conversationId });
}
