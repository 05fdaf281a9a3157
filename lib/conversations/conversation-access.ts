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
 * The conversation, if `userId` is a member of its class. Anyone else gets the same
 * `NotFoundError` as for a conversation that does not exist.
 */
export async function requireConversationMember(em: EntityManager, userId: string, conversationId: string): Promise<ConversationAccess> {
  requireWellFormedId(conversationId, 'conversation');
  const conversation = await em.findOne(Conversation, { id: conversationId }, { populate: ['class'] });
  if (!conversation) throw new NotFoundError('conversation');
  const membership = await em.findOne(Membership, { user: userId, class: conversation.class.id }, { fields: ['role'] });
  if (!membership) throw new NotFoundError('conversation');
  return { conversation, role: membership.role, isOwner: conversation.owner.id === userId };
}
