import { defineEntity, p } from '@mikro-orm/core';
import { timestampProperties, updatedAtTrigger } from './base-entity';
import { Conversation } from './conversation';
import { User } from './user';

/**
 * When a member last opened a conversation's page: one row per (conversation, user), moved
 * on by an upsert at each visit (`lib/conversations/conversation-visits.ts`). The class's
 * list joins it to say what is new since then. Both deletes cascade: a visit means nothing
 * without its conversation or its person.
 */
export const ConversationVisitSchema = defineEntity({
  name: 'ConversationVisit',
  tableName: 'conversation_visits',
  triggers: [updatedAtTrigger()],
  properties: {
    conversation: () => p.manyToOne(Conversation).primary().deleteRule('cascade'),
    user: () => p.manyToOne(User).primary().deleteRule('cascade').index(),
    visitedAt: p.datetime().defaultRaw('now()'),
    ...timestampProperties(),
  },
});

export class ConversationVisit extends ConversationVisitSchema.class {}
ConversationVisitSchema.setClass(ConversationVisit);
