import { defineEntity, p } from '@mikro-orm/core';
import { timestampProperties, updatedAtTrigger } from './base-entity';
import { Conversation } from './conversation';

/**
 * The append-only log of a conversation's Yjs updates, written by the live-sync server
 * within milliseconds of each edit and folded into `conversations.yjs_state` by compaction,
 * which deletes the rows it merged. The sequence orders a conversation's updates.
 */
export const ConversationUpdateSchema = defineEntity({
  name: 'ConversationUpdate',
  tableName: 'conversation_updates',
  triggers: [updatedAtTrigger()],
  indexes: [{ name: 'conversation_updates_conversation_sequence_index', properties: ['conversation', 'id'] }],
  properties: {
    id: p.bigint().primary().autoincrement(),
    conversation: () => p.manyToOne(Conversation).deleteRule('cascade'),
    update: p.uint8array(),
    ...timestampProperties(),
  },
});

export class ConversationUpdate extends ConversationUpdateSchema.class {}
ConversationUpdateSchema.setClass(ConversationUpdate);
