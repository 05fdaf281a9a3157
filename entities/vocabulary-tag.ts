import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Activity } from './activity';
import { Class } from './class';

/**
 * A tag of a class's vocabulary (no activity) or of one activity's: what new workspaces
 * (and, for the class's, new conversations) start with. Names are unique per vocabulary,
 * whatever their case.
 */
export const VocabularyTagSchema = defineEntity({
  name: 'VocabularyTag',
  tableName: 'vocabulary_tags',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  indexes: [
    {
      name: 'vocabulary_tags_name_unique',
      expression: `create unique index "vocabulary_tags_name_unique" on "vocabulary_tags" ("class_id", coalesce("activity_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("name"))`,
    },
  ],
  properties: {
    class: () => p.manyToOne(Class).deleteRule('cascade').index(),
    activity: () => p.manyToOne(Activity).nullable().deleteRule('cascade').index(),
    name: p.string().length(40),
    /** `#rrggbb`. */
    color: p.string().length(7),
    /** A heading the tag is listed under ("Accuracy"); empty for none. */
    group: p.string().length(60).default(''),
    /** Order within the vocabulary, ascending. */
    position: p.integer().default(0),
  },
});

export class VocabularyTag extends VocabularyTagSchema.class {}
VocabularyTagSchema.setClass(VocabularyTag);
