import type { EntityManager } from '@mikro-orm/postgresql';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import * as Y from 'yjs';
import { workspaceToMarkdown } from '@/lib/export/workspace-markdown';
import { loadStoredDocument } from '@/lib/sync/load-stored-document';
import { overviewRows, requireOverviewActivity, type OverviewRow } from './activity-overview';
import { poolOf } from './stored-document';
import { submissionsCsv } from './submissions-csv';
import { toFacts, workspaceFactsSql, type WorkspaceFactsRow } from './workspace-export';

/*
 * An activity's work in one download, for its class's instructors: a ZIP of every started
 * workspace as Markdown (`workspaceToMarkdown`, with its response, grade and feedback) and
 * `submissions.csv`, the overview's table. The ZIP is a stream: one workspace is read,
 * written and compressed at a time, when the reader asks for more, yielding to the event loop
 * between workspaces (it also serves live sync), so neither memory nor the loop is held by a
 * class of hundreds.
 */

export interface ActivityArchive {
  /** The activity's title, for the download's name. */
  title: string;
  /** The ZIP's bytes as they are made; authorization is done before it is returned. */
  zip: ReadableStream<Uint8Array>;
}

/** The overview as CSV (`GET /api/activities/:id/submissions.csv`). */
export async function exportSubmissionsCsv(em: EntityManager, userId: string, activityId: string): Promise<{ title: string; csv: string }> {
  const activity = await requireOverviewActivity(em, userId, activityId);
  return { title: activity.title, csv: submissionsCsv(await overviewRows(em, activity)) };
}

/** The ZIP of every started workspace and the CSV (`GET /api/activities/:id/export`). Authorizes before it returns. */
export async function exportActivityArchive(em: EntityManager, userId: string, activityId: string, exportedAt = new Date()): Promise<ActivityArchive> {
  const activity = await requireOverviewActivity(em, userId, activityId);
  const rows = await overviewRows(em, activity);
  const workspaces = await em.execute<WorkspaceFactsRow[]>(`${workspaceFactsSql} where s.activity_id = ? and c.deleted_at is null order by s.created_at, s.id`, [activityId]);
  return { title: activity.title, zip: archiveStream(em, rows, workspaces, exportedAt) };
}

/** The ZIP, a file per pull: each workspace's Markdown in turn, then the CSV. */
function archiveStream(em: EntityManager, rows: OverviewRow[], workspaces: WorkspaceFactsRow[], exportedAt: Date): ReadableStream<Uint8Array> {
  const names = new Map(rows.map((row) => [row.userId, row.name]));
  const taken = new Set<string>(['submissions.csv']);
  let next = 0;
  let zip: Zip;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull() {
      const workspace = workspaces[next++];
      if (!workspace) {
        addFile(zip, 'submissions.csv', submissionsCsv(rows), exportedAt);
        zip.end();
        return;
      }
      // Whatever else waits (live sync, other requests) runs before the next workspace.
      await new Promise(setImmediate);
      const studentName = names.get(workspace.student_id) ?? workspace.email;
      // Moved to the trash since the list was read: an empty document, as it stood.
      const loaded = await loadStoredDocument(await poolOf(em), workspace.conversation_id, { owners: false });
      const doc = loaded?.doc ?? new Y.Doc();
      try {
        addFile(zip, uniqueFileName(studentName, workspace.conversation_id, taken), workspaceToMarkdown({ ...toFacts(workspace, studentName, true), doc, exportedAt }), exportedAt);
      } finally {
        doc.destroy();
      }
    },
    cancel() {
      zip.terminate();
    },
  });
}

/** One file of the ZIP, compressed as it is added (a workspace's Markdown is small). */
function addFile(zip: Zip, name: string, text: string, mtime: Date): void {
  const file = new ZipDeflate(name, { level: 6 });
  file.mtime = mtime;
  zip.add(file);
  file.push(strToU8(text), true);
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
