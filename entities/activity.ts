import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Class } from './class';
import { Conversation } from './conversation';
import { User } from './user';

/** `individual`: each student works in a workspace of their own; `class`: one conversation for everyone. */
export const activityModes = ['individual', 'class'] as const;
export type ActivityMode = (typeof activityModes)[number];

/**
 * A piece of class work: instructions, an optional template conversation, dates and the
 * rules of its response. See docs/data-model.md and the contract's "Activities and submissions".
 */
export const ActivitySchema = defineEntity({
  name: 'Activity',
  tableName: 'activities',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  indexes: [{ name: 'activities_class_created_index', properties: ['class', 'createdAt'] }],
  properties: {
    class: () => p.manyToOne(Class).deleteRule('cascade'),
    /** Who created it. */
    createdBy: () => p.manyToOne(User).deleteRule('restrict').index(),
    title: p.string().length(300),
    /** Markdown source; rendered sanitised. */
    instructions: p.text().default(''),
    mode: p.enum(activityModes),
    /** What each workspace starts as (kind `template`, kept out of the class's list). */
    template: () => p.manyToOne(Conversation).nullable().deleteRule('set null').index(),
    /** A `class` activity's one conversation, made on the first start. */
    sharedConversation: () => p.manyToOne(Conversation).nullable().deleteRule('set null').index(),
    opensAt: p.datetime().nullable(),
    dueAt: p.datetime().nullable(),
    published: p.boolean().default(false),
    allowLateSubmissions: p.boolean().default(true),
    responseMinWords: p.integer().nullable(),
    responseMaxWords: p.integer().nullable(),
    /** Whether a response outside the word limits blocks submission (otherwise it only warns). */
    responseWordLimitHard: p.boolean().default(false),
    /** A grade is a number from 0 to this; null: a grade is free text. */
    gradeOutOf: p.integer().nullable(),
    /** Students see peers' shared workspaces as "Peer 1", "Peer 2"; instructors always see names. */
    anonymousPeers: p.boolean().default(false),
    /** Students may not add tags to their workspaces: only the vocabulary's. */
    tagsLocked: p.boolean().default(false),
  },
});

export class Activity extends ActivitySchema.class {}
ActivitySchema.setClass(Activity);
