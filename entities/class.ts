import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Conversation } from './conversation';
import { Membership } from './membership';
import { User } from './user';

export const ClassSchema = defineEntity({
  name: 'Class',
  tableName: 'classes',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  properties: {
    name: p.string().length(200),
    description: p.text().default(''),
    /** Who created it. A user who owns classes cannot be deleted until ownership moves. */
    owner: () => p.manyToOne(User).deleteRule('restrict').index(),
    /** 8 characters from the invite alphabet, stored without the display dash. */
    inviteCode: p.string().length(8).unique(),
    joinEnabled: p.boolean().default(true),
    archivedAt: p.datetime().nullable(),
    /** Students may not add tags beyond the class's vocabulary in its conversations. */
    tagsLocked: p.boolean().default(false),
    memberships: () => p.oneToMany(Membership).mappedBy('class'),
    conversations: () => p.oneToMany(Conversation).mappedBy('class'),
  },
});

export class Class extends ClassSchema.class {}
ClassSchema.setClass(Class);
