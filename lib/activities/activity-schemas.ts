import { z } from 'zod';
import { activityModes, membershipRoles, submissionStatuses } from '@/entities';
import { entityId, flag, optionalText, recordTimestamps, requiredText, timestamp } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';

/*
 * What activities take and give: the contract's "Activities and submissions". Rules that
 * join two fields (due after opening, minimum words at most the maximum) depend on what is
 * stored as well as what is sent, so `activity-rules.ts` checks them on the merged values.
 */

/** A date and time in ISO 8601 with its offset, or null to clear it; kept as a `Date`. */
function optionalMoment() {
  return z
    .union([z.iso.datetime({ offset: true, error: 'must be a date and time (ISO 8601, such as 2026-03-01T09:00:00Z)' }), z.null()], {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a date and time (ISO 8601, such as 2026-03-01T09:00:00Z) or null'),
    })
    .transform((value) => (value === null ? null : new Date(value)));
}

function wordLimit() {
  return z
    .number({ error: 'must be a number or null' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(limits.activities.maxResponseWords, `must be at most ${limits.activities.maxResponseWords}`)
    .nullable();
}

function gradeOutOf() {
  return z
    .number({ error: 'must be a number or null' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(limits.activities.maxGradeOutOf, `must be at most ${limits.activities.maxGradeOutOf}`)
    .nullable();
}

const instructions = () => optionalText(limits.activities.instructionsCharacters);

/** The settings an instructor may change after creating an activity. */
const settings = {
  title: requiredText(limits.fields.titleCharacters),
  instructions: instructions(),
  opensAt: optionalMoment(),
  dueAt: optionalMoment(),
  published: flag(),
  allowLateSubmissions: flag(),
  responseMinWords: wordLimit(),
  responseMaxWords: wordLimit(),
  responseWordLimitHard: flag(),
  gradeOutOf: gradeOutOf(),
  anonymousPeers: flag(),
};

/**
 * `POST /api/classes/:id/activities`. An activity starts unpublished. `tagsLocked` is set
 * here; afterwards the vocabulary's lock (`setVocabularyLocked`) changes it, with its workspaces.
 */
export const createActivitySchema = z.object(
  {
    title: settings.title,
    instructions: instructions().default(''),
    mode: z.enum(activityModes, { error: `must be one of ${activityModes.join(', ')}` }),
    /** A class conversation of the same class, copied now as the template. */
    templateConversationId: entityId().nullable().optional(),
    opensAt: optionalMoment().default(null),
    dueAt: optionalMoment().default(null),
    allowLateSubmissions: flag().default(true),
    responseMinWords: wordLimit().default(null),
    responseMaxWords: wordLimit().default(null),
    responseWordLimitHard: flag().default(false),
    gradeOutOf: gradeOutOf().default(null),
    anonymousPeers: flag().default(false),
    tagsLocked: flag().default(false),
  },
  { error: 'must be an object' },
);

/**
 * `PATCH /api/activities/:id`: any of the settings, and `tagsLocked` (the vocabulary's lock,
 * set with its workspaces by `setVocabularyLocked`); the mode and the template stay as made.
 */
export const updateActivitySchema = z.object(
  {
    ...(Object.fromEntries(Object.entries(settings).map(([key, schema]) => [key, schema.optional()])) as {
      [Key in keyof typeof settings]: z.ZodOptional<(typeof settings)[Key]>;
    }),
    tagsLocked: flag().optional(),
  },
  { error: 'must be an object' },
);

/** `PUT /api/activities/:id/extensions/:userId`. */
export const extensionSchema = z.object({ dueAt: optionalMoment() }, { error: 'must be an object' });

export const activityReadSchema = z.object({
  id: entityId(),
  classId: entityId(),
  title: z.string(),
  /** The Markdown source. */
  instructions: z.string(),
  /** The instructions rendered and sanitised (`instructionsToHtml`): safe to insert as HTML. */
  instructionsHtml: z.string(),
  mode: z.enum(activityModes),
  opensAt: timestamp().nullable(),
  dueAt: timestamp().nullable(),
  published: flag(),
  allowLateSubmissions: flag(),
  responseMinWords: z.number().int().nullable(),
  responseMaxWords: z.number().int().nullable(),
  responseWordLimitHard: flag(),
  gradeOutOf: z.number().int().nullable(),
  anonymousPeers: flag(),
  tagsLocked: flag(),
  /** Instructors only open it; students start from it. */
  templateConversationId: entityId().nullable(),
  /** A `class` activity's one conversation. */
  sharedConversationId: entityId().nullable(),
  ...recordTimestamps,
});

/** A student's own workspace of an activity. */
export const studentWorkspaceReadSchema = z.object({
  conversationId: entityId(),
  status: z.enum(submissionStatuses),
  submittedAt: timestamp().nullable(),
  returnedAt: timestamp().nullable(),
  late: flag(),
  grade: z.string().nullable(),
  feedback: z.string(),
});

/** An activity as one member sees it: `GET /api/activities/:id` and the class's list. */
export const activityForViewerSchema = activityReadSchema.extend({
  role: z.enum(membershipRoles),
  /** The viewer's workspace (students of an individual activity, once started); null otherwise. */
  workspace: studentWorkspaceReadSchema.nullable(),
  /** The viewer's extension if they have one, else `dueAt`. */
  effectiveDueAt: timestamp().nullable(),
  /** Whether `opensAt` has passed (or there is none). */
  open: flag(),
  /** Peers' workspaces shared with the class, "Peer 1".. when `anonymousPeers`; for instructors []. */
  sharedWorkspaces: z.array(z.object({ conversationId: entityId(), ownerLabel: z.string() })),
});

/** A line of a student's To do list. */
export const toDoItemSchema = z.object({
  activityId: entityId(),
  activityTitle: z.string(),
  classId: entityId(),
  className: z.string(),
  /** The student's extension if they have one, else the activity's due date. */
  dueAt: timestamp().nullable(),
  state: z.enum(['not_started', ...submissionStatuses]),
  /** Submitted after the due date (the contract's `late`). */
  late: flag(),
  /** The due date passed and it is not handed in (not submitted, not returned). */
  pastDue: flag(),
  conversationId: entityId().nullable(),
});

export type ActivityCreateInput = z.input<typeof createActivitySchema>;
export type ActivityUpdateInput = z.input<typeof updateActivitySchema>;
export type ExtensionInput = z.input<typeof extensionSchema>;
export type ActivityRead = z.output<typeof activityReadSchema>;
export type StudentWorkspaceRead = z.output<typeof studentWorkspaceReadSchema>;
export type ActivityForViewer = z.output<typeof activityForViewerSchema>;
export type ToDoItem = z.output<typeof toDoItemSchema>;
export type ToDoState = ToDoItem['state'];
