import { unzipSync } from 'fflate';
import { describe, expect, vi } from 'vitest';
import { test } from '@/lib/testing/test-database';
import { exportActivityArchive } from './activity-export';
import { createCourseworkClass, startedWorkspace } from './testing/coursework-fixtures';

/** How many turns of the event loop (setImmediate ticks) had run when each workspace was written. */
const watch = vi.hoisted(() => ({ ticks: 0, ticksAtEachWorkspace: [] as number[] }));

vi.mock('@/lib/export/workspace-markdown', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/export/workspace-markdown')>();
  return {
    ...original,
    workspaceToMarkdown: (input: Parameters<typeof original.workspaceToMarkdown>[0]) => {
      watch.ticksAtEachWorkspace.push(watch.ticks);
      return original.workspaceToMarkdown(input);
    },
  };
});

describe('exportActivityArchive as a stream', () => {
  test('yields to the event loop between workspaces, writes nothing before it is read, and still unzips right', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 30 });
    for (const studentId of coursework.studentIds) await startedWorkspace(db, coursework, studentId, { response: `Response of ${studentId}` });

    const archive = await exportActivityArchive(db.fork(), coursework.instructorId, coursework.activityId);
    // Nothing is read or compressed until the download is read (bounded memory: a file per pull).
    expect(watch.ticksAtEachWorkspace.length).toBeLessThanOrEqual(1);

    let reading = true;
    const tick = () => {
      watch.ticks++;
      if (reading) setImmediate(tick);
    };
    setImmediate(tick);
    const bytes = new Uint8Array(await new Response(archive.zip).arrayBuffer());
    reading = false;

    const at = watch.ticksAtEachWorkspace;
    expect(at).toHaveLength(30);
    // Between any two workspaces, the event loop turned at least once.
    for (let index = 1; index < at.length; index++) expect(at[index]).toBeGreaterThan(at[index - 1]!);
    const files = unzipSync(bytes);
    expect(Object.keys(files).filter((name) => name.endsWith('.md'))).toHaveLength(30);
    expect(new TextDecoder().decode(files['submissions.csv'])).toContain('Student 30');
  });
});
