import type { EntityManager } from '@mikro-orm/postgresql';
import { strToU8, zipSync, type Zippable } from 'fflate';
import * as Y from 'yjs';
import type { SubmissionStatus } from '@/entities';
import { workspaceToMarkdown } from '@/lib/export/workspace-markdown';
import { activityOverview, requireActivityInstructor, type OverviewRow } from './activity-overview';
import { submissionsCsv } from './submissions-csv';
import { poolOf } from './stored-document';
import { toFacts } from './workspace-export';

/*
 * An activity's work in one download, for its class's instructors: a ZIP of every started
 * workspace as Markdown (`workspaceToMarkdown`, with its response, grade and feedback) and
 * `submissions.csv`, the overview's table. Documents are read in batches (two queries per
 * batch, not two per workspace), and each is freed once written.
 */

/** Workspaces whose documents are read at once: bounds memory for a class of hundreds. */
const DOCUMENTS_PER_BATCH = 25;

export interface ActivityArchive {
  /** The activity's title, for the download's name. */
  title: string;
  zip: Uint8Array;
}

interface ExportedWorkspaceRow {
  conversation_id: string;
  title: string;
  status: SubmissionStatus;
  submitted_at: string | Date | null;
  late: boolean;
  grade: string | null;
  feedback: string;
  activity_title: string;
  grade_out_of: number | null;
  student_id: string;
  name: string;
  email: string;
}

/** The overview as CSV (`GET /api/activities/:id/submissions.csv`). */
export async function exportSubmissionsCsv(em: EntityManager, userId: string, activityId: string): Promise<{ title: string; csv: string }> {
  const activity = await requireActivityInstructor(em, userId, activityId);
  return { title: activity.title, csv: submissionsCsv(await activityOverview(em, userId, activityId)) };
}

/** The ZIP of every started workspace and the CSV (`GET /api/activities/:id/export`). */
export async function exportActivityArchive(em: EntityManager, userId: string, activityId: string, exportedAt = new Date()): Promise<ActivityArchive> {
  const activity = await requireActivityInstructor(em, userId, activityId);
  const rows: OverviewRow[] = await activityOverview(em, userId, activityId);
  const workspaces = await em.execute<ExportedWorkspaceRow[]>(
    `select c.id as conversation_id, c.title, s.status, s.submitted_at, s.late, s.grade, s.feedback, a.title as activity_title, a.grade_out_of,
            s.student_id, u.name, u.email
       from submissions s
       join conversations c on c.id = s.conversation_id and c.deleted_at is null
       join activities a on a.id = s.activity_id
       join users u on u.id = s.student_id
      where s.activity_id = ?
      order by s.created_at, s.id`,
    [activityId],
  );
  const names = new Map(rows.map((row) => [row.userId, row.name]));
  const files: Zippable = {};
  const taken = new Set<string>(['submissions.csv']);
  for (let start = 0; start < workspaces.length; start += DOCUMENTS_PER_BATCH) {
    const batch = workspaces.slice(start, start + DOCUMENTS_PER_BATCH);
    const documents = await loadDocuments(em, batch.map((workspace) => workspace.conversation_id));
    for (const workspace of batch) {
      const doc = documents.get(workspace.conversation_id) ?? new Y.Doc();
      try {
        const studentName = names.get(workspace.student_id) ?? workspace.email;
        const markdown = workspaceToMarkdown({ ...toFacts(workspace, studentName, true), doc, exportedAt });
        files[uniqueFileName(studentName, workspace.conversation_id, taken)] = strToU8(markdown);
      } finally {
        doc.destroy();
      }
    }
  }
  files['submissions.csv'] = strToU8(submissionsCsv(rows));
  return { title: activity.title, zip: zipSync(files, { level: 6, mtime: exportedAt }) };
}

/** `Zoë O'Brien`, `3f2a9c1e-…` → `zoe-o-brien-3f2a9c1e.md`: ASCII, lower case, with the workspace's short id (longer if two would clash). */
export function uniqueFileName(studentName: string, conversationId: string, taken: Set<string>): string {
  const slug =
    studentName
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'student';
  const hex = conversationId.replaceAll('-', '');
  for (let length = 8; ; length += 4) {
    const name = `${slug}-${hex.slice(0, length)}${length > hex.length ? `-${taken.size}` : ''}.md`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** The documents of some conversations as stored (state and log), read in one snapshot. */
async function loadDocuments(em: EntityManager, conversationIds: string[]): Promise<Map<string, Y.Doc>> {
  const client = await (await poolOf(em)).connect();
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    const states = await client.query<{ id: string; yjs_state: Buffer | null }>('select id, yjs_state from conversations where id = any($1::uuid[])', [conversationIds]);
    const log = await client.query<{ conversation_id: string; update: Buffer }>(
      'select conversation_id, update from conversation_updates where conversation_id = any($1::uuid[]) order by conversation_id, id',
      [conversationIds],
    );
    await client.query('commit');
    const documents = new Map<string, Y.Doc>();
    for (const row of states.rows) {
      const doc = new Y.Doc();
      if (row.yjs_state) Y.applyUpdate(doc, new Uint8Array(row.yjs_state));
      documents.set(row.id, doc);
    }
    for (const row of log.rows) {
      const doc = documents.get(row.conversation_id);
      if (doc) Y.applyUpdate(doc, new Uint8Array(row.update));
    }
    return documents;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
