import { defineEntity, p } from '@mikro-orm/core';
import { limits } from '@/lib/limits';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Activity } from './activity';
import { Class } from './class';
import { User } from './user';

/** `conversation`: the class's, in its list; `template`: an activity's starting point (instructors only); `workspace`: a student's own copy. */
export const conversationKinds = ['conversation', 'template', 'workspace'] as const;
export type ConversationKind = (typeof conversationKinds)[number];

export const ConversationSchema = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  indexes: [
    { name: 'conversations_class_recent_index', properties: ['class', 'updatedAt', 'id'] },
    {
      // Full-text search over title, a bounded prefix of the text and the annotation text (a
      // tsvector holds at most 1 MB; see lib/limits.ts): lib/conversations/conversation-queries.ts.
      name: 'conversations_search_index',
      expression: `create index "conversations_search_index" on "conversations" using gin ((setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', left("raw_text", ${limits.document.searchIndexCharacters})), 'B') || setweight(to_tsvector('english', left("annotation_text", ${limits.document.annotationSearchCharacters})), 'C')))`,
    },
    // The trash: purging finds conversations deleted more than 30 days ago.
    { name: 'conversations_deleted_at_index', properties: ['deletedAt'] },
  ],
  properties: {
    class: () => p.manyToOne(Class).deleteRule('cascade'),
    /** Who created it. Restrict: deleting a user must not silently delete class discussions. */
    owner: () => p.manyToOne(User).deleteRule('restrict').index(),
    title: p.string().length(300),
    /** Plain-text projection of the Yjs document, kept current by the sync server. */
    rawText: p.text().default(''),
    locked: p.boolean().default(false),
    /** Students may highlight and comment but not change the text (`editPermission`); `locked` wins over it. */
    annotateOnly: p.boolean().default(false),
    /** The compacted Yjs document. Lazy: never loaded unless asked for by name. */
    yjsState: p.uint8array().lazy().nullable(),
    /** New at each compaction: a process sharing the conversation knows whether the stored state is still the one it last saw (docs/sync.md). */
    stateToken: p.uuid().nullable(),
    /** Set when deleted: the conversation is in its class's trash until restored or purged. */
    deletedAt: p.datetime().nullable(),
    /** Who deleted it (shown in the trash). */
    deletedBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    kind: p.enum(conversationKinds).default('conversation'),
    /** The activity it is the template, workspace or shared conversation of. Restrict: an activity with work in it is not deleted by accident. */
    activity: () => p.manyToOne(Activity).nullable().deleteRule('restrict').index(),
    /** A workspace its student shares with the class (read-only for peers). */
    sharedWithClass: p.boolean().default(false),
    /** Students may not add tags (the activity's vocabulary is locked); enforced by the sync engine. */
    tagsLocked: p.boolean().default(false),
    /*
     * A summary of the document for the activity overview, written with `rawText` at each
     * compaction (so within seconds of the last edit) and at submission: no list ever loads
     * documents.
     */
    highlightCount: p.integer().default(0),
    commentCount: p.integer().default(0),
    /** Words in the workspace's response. */
    responseWords: p.integer().default(0),
    /** Per user id, the characters of the transcript and response they wrote that are still there. */
    authorCharacters: p.json<Record<string, number>>().defaultRaw(`'{}'`),
    /** When the document last changed, as of its last compaction. */
    lastEditedAt: p.datetime().nullable(),
    /** Summary: the tag names and comment texts of the live highlights, for search (bounded: `limits.document.annotationSearchCharacters`). */
    annotationText: p.text().default(''),
  },
});

export class Conversation extends ConversationSchema.class {}
ConversationSchema.setClass(Conversation);
