import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Activity } from './activity';
import { User } from './user';

/** A student's own due date for an activity. */
export const ExtensionSchema = defineEntity({
  name: 'Extension',
  tableName: 'activity_extensions',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  uniques: [{ name: 'activity_extensions_activity_student_unique', properties: ['activity', 'student'] }],
  properties: {
    activity: () => p.manyToOne(Activity).deleteRule('cascade'),
    student: () => p.manyToOne(User).deleteRule('cascade').index(),
    dueAt: p.datetime(),
  },
});

export class Extension extends ExtensionSchema.class {}
ExtensionSchema.setClass(Extension);
