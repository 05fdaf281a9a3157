import { z } from 'zod';
import type { Conversation } from '@/entities';
import { derivedText, entityId, flag, optionalText, recordTimestamps, requiredText, timestamp, toReadShape } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';

/** What a member gives to start a conversation; its class and owner come from the request. */
export const conversationCreateSchema = z.object(
  {
    title: requiredText(limits.fields.titleCharacters),
    rawText: derivedText().default(''),
  },
  { error: 'must be an object' },
);

export const conversationUpdateSchema = z.object(
  {
    title: requiredText(limits.fields.titleCharacters).optional(),
    rawText: derivedText().optional(),
    locked: flag().optional(),
    annotateOnly: flag().optional(),
  },
  { error: 'must be an object' },
);

export const conversationReadSchema = z.object({
  id: entityId(),
  classId: entityId(),
  ownerId: entityId(),
  title: z.string(),
  rawText: z.string(),
  locked: flag(),
  /** Students may annotate but not change the text; `locked` wins over it. */
  annotateOnly: flag(),
  ...recordTimestamps,
});

/** A line in a list of conversations: no document, and only the start of its text. */
export const conversationSummarySchema = z.object({
  id: entityId(),
  title: z.string(),
  ownerId: entityId(),
  /** The first `PREVIEW_CHARACTERS` characters of `rawText`. */
  preview: z.string(),
  updatedAt: timestamp(),
  /** Highlights still in the text and their comments, as of the last compaction (seconds after an edit). */
  highlightCount: z.number().int(),
  commentCount: z.number().int(),
  /** When the document last changed; null until it is first edited. */
  lastEditedAt: timestamp().nullable(),
  /** The whole-class activity it is the shared conversation of, if any. */
  activityId: entityId().nullable(),
  /** When the caller last opened it; null if never. */
  lastVisitedAt: timestamp().nullable(),
  /** `new`: someone else's, never opened by the caller; `updated`: edited since the caller's last visit. */
  sinceLastVisit: z.enum(['new', 'updated']).nullable(),
  /**
   * In a search, the passage that matched, as text segments (`match`: the matched words):
   * from the text, or from the annotations (a tag name or one comment). Null in the newest-first
   * list, and when only the title matched.
   */
  snippet: z
    .object({
      source: z.enum(['text', 'annotations']),
      segments: z.array(z.object({ text: z.string(), match: z.boolean() })),
    })
    .nullable(),
});

export const PREVIEW_CHARACTERS = 200;

/** A page of conversations: enough to fill a screen; the cap bounds one request's work. */
export const LIST_PAGE_DEFAULT = 20;
export const LIST_PAGE_MAX = 100;

/** `?limit=&cursor=&q=` of a class's conversation list; values arrive as strings. */
export const conversationListQuerySchema = z.object(
  {
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(LIST_PAGE_MAX, `must be at most ${LIST_PAGE_MAX}`)
      .default(LIST_PAGE_DEFAULT),
    cursor: z.string({ error: 'must be text' }).optional(),
    /** Keeps conversations whose title contains it, ignoring case. */
    q: optionalText(limits.fields.titleCharacters).optional(),
  },
  { error: 'must be an object' },
);

export const conversationPageSchema = z.object({
  items: z.array(conversationSummarySchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export type ConversationListQuery = z.input<typeof conversationListQuerySchema>;
export type ConversationPage = z.output<typeof conversationPageSchema>;

export type ConversationCreateInput = z.input<typeof conversationCreateSchema>;
export type ConversationRead = z.output<typeof conversationReadSchema>;
export type ConversationSummary = z.output<typeof conversationSummarySchema>;

export const toConversationRead = (conversation: Conversation): ConversationRead => toReadShape(conversationReadSchema, conversation);
