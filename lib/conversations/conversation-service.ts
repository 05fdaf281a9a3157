import type { EntityManager } from '@mikro-orm/postgresql';
import { Class, Conversation, User } from '../../entities';
import { isForeignKeyViolation } from '../db/constraint-violation';
import { requireWellFormedId } from '../db/load-by-id';
import { NotFoundError } from '../errors';
import { parseInput, parsePatch } from '../parse-input';
import {
  conversationCreateSchema,
  conversationUpdateSchema,
  toConversationRead,
  type ConversationCreateInput,
  type ConversationRead,
  type ConversationUpdateInput,
} from './conversation-schemas';

/*
 * None of these loads the Yjs document (`yjsState` is a lazy property): it can be large,
 * and only the document store reads it.
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

export async function getConversationById(em: EntityManager, id: string): Promise<ConversationRead> {
  return toConversationRead(await loadLiveConversation(em, id));
}

export async function updateConversation(em: EntityManager, id: string, input: ConversationUpdateInput): Promise<ConversationRead> {
  const changes = parsePatch(conversationUpdateSchema, input);
  const conversation = await em.transactional(async (transaction) =>
    transaction.assign(await loadLiveConversation(transaction, id), changes),
  );
  return toConversationRead(conversation);
}

/** The conversation unless it is in the trash (then, as when there is none, `NotFoundError`). */
async function loadLiveConversation(em: EntityManager, id: string): Promise<Conversation> {
  requireWellFormedId(id, 'conversation');
  const conversation = await em.findOne(Conversation, { id, deletedAt: null });
  if (!conversation) throw new NotFoundError('conversation');
  return conversation;
}
