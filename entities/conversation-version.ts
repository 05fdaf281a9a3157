import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Conversation } from './conversation';
import { User } from './user';

/** Why a version was kept (the contract's `reason`). */
export const versionReasons = ['auto', 'unload', 'large-deletion', 'manual', 'restore'] as const;
export type VersionReason = (typeof versionReasons)[number];

/**
 * A kept state of a conversation's document. Stored compactly: `update` is what changed
 * since the conversation's previous version (the items added since its state vector, and
 * only the deletions made since it, not the document's whole delete set), or the whole
 * state when `complete`; a version's document is its nearest complete version merged with
 * the updates after it, in `position` order. See lib/versions/version-difference.ts.
 */
export const ConversationVersionSchema = defineEntity({
  name: 'ConversationVersion',
  tableName: 'conversation_versions',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  uniques: [{ name: 'conversation_versions_conversation_position_unique', properties: ['conversation', 'position'] }],
  properties: {
    conversation: () => p.manyToOne(Conversation).deleteRule('cascade'),
    /** 1, 2, 3… per conversation, in the order the versions were kept. */
    position: p.integer(),
    reason: p.enum(versionReasons),
    /** A name given on request ("Before the discussion"). */
    label: p.string().length(200).nullable(),
    /** Who asked for it (manual and restore versions). */
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
    /** Users whose edits this version holds that the previous one did not. */
    authorIds: p.json<string[]>().default('[]'),
    /** Whether `update` is a whole state rather than a difference from the previous version. */
    complete: p.boolean().default(false),
    update: p.uint8array().lazy(),
    /** The document's state vector at this version: the next version's difference starts here. */
    stateVector: p.uint8array().lazy(),
    /**
     * Not filled: the API derives a version's text from its document on request. Storing the
     * whole text with every version would cost forty times the document (docs/performance.md).
     */
    rawText: p.text().lazy().default(''),
  },
});

export class ConversationVersion extends ConversationVersionSchema.class {}
ConversationVersionSchema.setClass(ConversationVersion);
