import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { SubmissionStatus } from '@/entities';
import { requireActivityForInstructor } from '@/lib/activities/activity-access';
import { effectiveDueAt, isPastDue } from '@/lib/activities/due-dates';
import { ConflictError } from '@/lib/errors';
import { timestampOrNull } from '@/lib/field-schemas';
import { parseInput } from '@/lib/parse-input';
import { displayName } from '@/lib/users/display-name';

/*
 * The instructor's table of an individual activity: one row per student of the class (not
 * the instructors), started or not, read from the submissions and the summary columns the
 * sync engine keeps on each workspace (`documentSummary`): two queries whatever the class's size.
 */

export type OverviewStatus = 'not_started' | SubmissionStatus;

export interface OverviewRow {
  userId: string;
  name: string;
  email: string;
  /** The workspace; null before the student starts. */
  conversationId: string | null;
  status: OverviewStatus;
  submittedAt: string | null;
  /** Submitted after its due date (or the student's extension): the contract's `late`. */
  late: boolean;
  /** Its due date has passed and it is not handed in (not submitted, not returned). */
  pastDue: boolean;
  /** The student's extension, else the activity's due date. */
  effectiveDueAt: string | null;
  highlights: number;
  comments: number;
  responseWords: number;
  lastEditedAt: string | null;
  /** Characters of the transcript and response the student wrote (still there); null before they start. */
  studentCharacters: number | null;
  /** Characters written by anyone else (the template's author, an instructor); null before the student starts. */
  otherCharacters: number | null;
  grade: string | null;
}

/** A status, `late` (submitted late) or `overdue` (past due, not handed in). */
export const overviewStatusFilters = ['not_started', 'in_progress', 'late', 'overdue', 'submitted', 'returned'] as const;
export type OverviewStatusFilter = (typeof overviewStatusFilters)[number];

export const overviewSortColumns = [
  'name',
  'status',
  'submittedAt',
  'late',
  'highlights',
  'comments',
  'responseWords',
  'lastEditedAt',
  'studentCharacters',
] as const;
export type OverviewSortColumn = (typeof overviewSortColumns)[number];

export interface OverviewSort {
  column: OverviewSortColumn;
  direction: 'asc' | 'desc';
}

export interface OverviewOptions {
  status?: OverviewStatusFilter;
  /** A column, or `-column` for descending (`?sort=-submittedAt`); by name otherwise. */
  sort?: OverviewSort | string;
}

/** `GET /api/activities/:id/submissions?status=&sort=`: values arrive as strings. */
export const overviewQuerySchema = z.object(
  {
    status: z.enum(overviewStatusFilters, { error: `must be one of ${overviewStatusFilters.join(', ')}` }).optional(),
    sort: z
      .string({ error: 'must be text' })
      .refine((value) => (overviewSortColumns as readonly string[]).includes(value.replace(/^-/, '')), `must be one of ${overviewSortColumns.join(', ')} (with - for descending)`)
      .optional(),
  },
  { error: 'must be an object' },
);

/** What the overview's query needs of its activity. */
export interface OverviewActivity {
  id: string;
  classId: string;
  dueAt: Date | null;
}

interface OverviewSqlRow {
  user_id: string;
  name: string;
  email: string;
  conversation_id: string | null;
  status: SubmissionStatus | null;
  submitted_at: string | Date | null;
  late: boolean | null;
  grade: string | null;
  extension_due_at: string | Date | null;
  highlight_count: number | null;
  comment_count: number | null;
  response_words: number | null;
  last_edited_at: string | Date | null;
  student_characters: number | null;
  all_characters: number | null;
}

/** A whole-class activity has no table of students: its work is its one shared conversation. */
export const CLASS_ACTIVITY_HAS_NO_OVERVIEW = 'A whole-class activity has one shared conversation: open it instead.';

/**
 * The activity, for one of its class's instructors, if it has an overview (an `individual`
 * one; a `class` activity gets `ConflictError`). A student who may see it gets
 * `ForbiddenError`, anyone else `NotFoundError`.
 */
export async function requireOverviewActivity(em: EntityManager, userId: string, activityId: string): Promise<OverviewActivity & { title: string }> {
  const activity = await requireActivityForInstructor(em, userId, activityId, 'Only the class’s instructors see everyone’s work.');
  if (activity.mode === 'class') throw new ConflictError(CLASS_ACTIVITY_HAS_NO_OVERVIEW);
  return { id: activity.id, classId: activity.class.id, dueAt: activity.dueAt ?? null, title: activity.title };
}

/** Every student's work on the activity, for its class's instructors (authorizes: `requireOverviewActivity`). */
export async function activityOverview(em: EntityManager, userId: string, activityId: string, options: OverviewOptions = {}): Promise<OverviewRow[]> {
  return overviewRows(em, await requireOverviewActivity(em, userId, activityId), options);
}

/** The overview's rows, for a caller that has authorized already (`requireOverviewActivity`). One query. */
export async function overviewRows(em: EntityManager, activity: OverviewActivity, options: OverviewOptions = {}): Promise<OverviewRow[]> {
  const sql = await em.execute<OverviewSqlRow[]>(
    `select u.id as user_id, u.name, u.email, c.id as conversation_id, s.status, s.submitted_at, s.late, s.grade, e.due_at as extension_due_at,
            c.highlight_count, c.comment_count, c.response_words, c.last_edited_at,
            coalesce((c.author_characters ->> u.id::text)::int, 0) as student_characters,
            -- Rows the ORM made hold the JSON string "{}" rather than an empty object: counted as none.
            case when jsonb_typeof(c.author_characters) = 'object'
                 then (select coalesce(sum(value::int), 0)::int from jsonb_each_text(c.author_characters)) else 0 end as all_characters
       from memberships m
       join users u on u.id = m.user_id
       left join submissions s on s.activity_id = ? and s.student_id = m.user_id
       left join conversations c on c.id = s.conversation_id and c.deleted_at is null
       left join activity_extensions e on e.activity_id = ? and e.student_id = m.user_id
      where m.class_id = ? and m.role = 'student'`,
    [activity.id, activity.id, activity.classId],
  );
  const now = new Date();
  const rows = sql.map((row) => toOverviewRow(row, activity.dueAt, now));
  const filtered = options.status ? rows.filter((row) => matchesFilter(row, options.status as OverviewStatusFilter)) : rows;
  return filtered.sort(comparator(typeof options.sort === 'string' ? parseOverviewSort(options.sort) : (options.sort ?? { column: 'name', direction: 'asc' })));
}

/** The instructor's page of the overview: the first rows that match, and what the rest of the page needs. */
export interface OverviewPage {
  /** At most `limit` rows matching the filter, in the order asked for. */
  rows: OverviewRow[];
  /** Rows matching the filter in all. */
  matching: number;
  /** Every student of the class by name, whatever the filter (whom an extension can be for). */
  students: Array<{ userId: string; name: string }>;
}

/**
 * The overview for the activity page: one query whatever the class's size (the same as the
 * API's), of which the page renders the first `limit` rows, so that a class of 500 is not a
 * megabyte of HTML unless the instructor asks for every row. Authorizes as `activityOverview`.
 */
export async function overviewPage(em: EntityManager, userId: string, activityId: string, options: OverviewOptions & { limit?: number } = {}): Promise<OverviewPage> {
  const activity = await requireOverviewActivity(em, userId, activityId);
  const everyone = await overviewRows(em, activity, { sort: options.sort });
  const students = [...everyone].sort(comparator({ column: 'name', direction: 'asc' })).map((row) => ({ userId: row.userId, name: row.name }));
  const matching = options.status ? everyone.filter((row) => matchesFilter(row, options.status as OverviewStatusFilter)) : everyone;
  return { rows: options.limit === undefined ? matching : matching.slice(0, options.limit), matching: matching.length, students };
}

/** Parses `?status=&sort=` of the API. */
export function parseOverviewQuery(search: URLSearchParams): OverviewOptions {
  return parseInput(overviewQuerySchema, Object.fromEntries([...search].filter(([key]) => key === 'status' || key === 'sort')));
}

function toOverviewRow(row: OverviewSqlRow, activityDueAt: Date | null, now: Date): OverviewRow {
  const status: OverviewStatus = row.status ?? 'not_started';
  const due = effectiveDueAt(activityDueAt, row.extension_due_at);
  const started = row.status !== null;
  const studentCharacters = started ? (row.student_characters ?? 0) : null;
  return {
    userId: row.user_id,
    name: displayName({ name: row.name }),
    email: row.email,
    conversationId: row.conversation_id,
    status,
    submittedAt: timestampOrNull(row.submitted_at),
    late: Boolean(row.late),
    pastDue: isPastDue(status, due, now),
    effectiveDueAt: timestampOrNull(due),
    highlights: row.highlight_count ?? 0,
    comments: row.comment_count ?? 0,
    responseWords: row.response_words ?? 0,
    lastEditedAt: timestampOrNull(row.last_edited_at),
    studentCharacters,
    otherCharacters: started ? Math.max(0, (row.all_characters ?? 0) - (studentCharacters ?? 0)) : null,
    grade: row.grade,
  };
}

function matchesFilter(row: OverviewRow, filter: OverviewStatusFilter): boolean {
  if (filter === 'late') return row.late;
  if (filter === 'overdue') return row.pastDue;
  return row.status === filter;
}

/** `-submittedAt` → submittedAt, descending; an unknown column reads as the default (by name, ascending). */
export function parseOverviewSort(sort: string): OverviewSort {
  const key = sort.replace(/^-/, '');
  if (!(overviewSortColumns as readonly string[]).includes(key)) return { column: 'name', direction: 'asc' };
  return { column: key as OverviewSortColumn, direction: sort.startsWith('-') ? 'desc' : 'asc' };
}

const statusOrder: Record<OverviewStatus, number> = { not_started: 0, in_progress: 1, submitted: 2, returned: 3 };
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** The column's order (empty values last either way), then by name, then by id: the same order on every load. */
function comparator({ column, direction }: OverviewSort): (a: OverviewRow, b: OverviewRow) => number {
  const valueOf = (row: OverviewRow): string | number | null => {
    switch (column) {
      case 'name':
        return null;
      case 'status':
        return statusOrder[row.status];
      case 'late':
        return row.late ? 1 : 0;
      case 'submittedAt':
      case 'lastEditedAt':
        return row[column] === null ? null : Date.parse(row[column] as string);
      default:
        return row[column];
    }
  };
  const sign = direction === 'desc' ? -1 : 1;
  return (a, b) => {
    if (column !== 'name') {
      const [left, right] = [valueOf(a), valueOf(b)];
      if (left !== right) {
        if (left === null) return 1;
        if (right === null) return -1;
        return (left < right ? -1 : 1) * sign;
      }
    }
    const names = byName.compare(a.name, b.name) * (column === 'name' ? sign : 1);
    return names !== 0 ? names : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
  };
}
