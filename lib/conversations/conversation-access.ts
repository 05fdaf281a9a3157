import type { EntityManager } from '@mikro-orm/postgresql';
import { Conversation, Membership, type MembershipRole } from '../../entities';
import { requireWellFormedId } from '../db/load-by-id';
import { NotFoundError } from '../errors';

export interface ConversationAccess {
  conversation: Conversation;
  role: MembershipRole;
  /** Whether the caller created it. */
  isOwner: boolean;
}

/**
 * The conversation, if `userId` is a member of its class and it is not in the trash. Anyone
 * else, and a conversation in the trash, gets the same `NotFoundError` as for one that does
 * not exist (the trash has its own way in: `conversation-trash.ts`).
 */
export async function requireConversationMember(em: EntityManager, userId: string, conversationId: string): Promise<ConversationAccess> {
  requireWellFormedId(conversationId, 'conversation');
  const conversation = await em.findOne(Conversation, { id: conversationId, deletedAt: null }, { populate: ['class'] });
  if (!conversation) throw new NotFoundError('conversation');
  const membership = await em.findOne(Membership, { user: userId, class: conversation.class.id }, { fields: ['role'] });
  if (!membership) throw new NotFoundError('conversation');
  return { conversation, role: membership.role, isOwner: conversation.owner.id === userId };
}
