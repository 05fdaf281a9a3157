import { defineEntity, p } from '@mikro-orm/core';
import { timestampProperties, updatedAtTrigger } from './base-entity';
import { Conversation } from './conversation';
import { User } from './user';

/**
 * Which user writes with a Yjs client id in a conversation. The live-sync server binds a
 * client id to the user whose connection first writes with it, and refuses (4409) anyone
 * else's update that carries it; so every item of the document has a known author (for
 * versions and contribution counts). Yjs client ids are unsigned 32-bit integers.
 */
export const ConversationClientSchema = defineEntity({
  name: 'ConversationClient',
  tableName: 'conversation_clients',
  triggers: [updatedAtTrigger()],
  properties: {
    conversation: () => p.manyToOne(Conversation).primary().deleteRule('cascade'),
    clientId: p.bigint('number').primary(),
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    /**
     * Set when a change written with this client id was refused because its writer could only
     * read (a lock): the clock from which its content was refused. Anything of it from that
     * clock on is refused whenever it comes back, after an unload or a restart too.
     */
    refusedFromClock: p.bigint('number').nullable(),
    ...timestampProperties(),
  },
});

export class ConversationClient extends ConversationClientSchema.class {}
ConversationClientSchema.setClass(ConversationClient);
