import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { InvalidError } from '@/lib/errors';
import { documentLayout } from '@/lib/sync/document-layout';
import { responseWordCount } from '@/lib/sync/response-text';
import { closeCodes } from '@/server/sync/sync-connection';
import { RawSyncClient } from '@/server/sync/testing/raw-sync-client';
import { poolOf, startSyncHarness, waitFor, type SyncHarness } from '@/server/sync/testing/sync-harness';
import { test } from '@/lib/testing/test-database';
import { returnWorkspace, setWorkspaceSharing, submitWorkspace, unsubmitWorkspace } from './submission-administration';
import { createCourseworkClass, startedWorkspace } from './testing/coursework-fixtures';
import { stoppedAfterEach } from '@/server/sync/testing/stopped-after-each';

/**
 * Submitted work is read-only for its student in the live document, as the sync engine
 * decides it: a submission reaches the student's open connection within a second (no
 * reconnect), an edit sent then is refused (4423) and never applied, and a return or an
 * unsubmit makes the same connection writable again. Raw clients, as a modified page would be.
 */
const track = stoppedAfterEach();

const serverText = (harness: SyncHarness, conversationId: string) => harness.server.openRoom(conversationId)?.doc.getText('test').toString();
const lastPermission = (client: RawSyncClient) => client.permissions.at(-1);

describe('live sync: a submitted workspace is read-only for its student', () => {
  test('submit makes the open connection read-only (its edit refused, 4423), return makes it writable again, each within a second', async ({ db }) => {
    const harness = track(await startSyncHarness(await poolOf(db)));
    const coursework = await createCourseworkClass(db, { students: 1 });
    const studentId = coursework.studentIds[0] as string;
    const workspaceId = await startedWorkspace(db, coursework, studentId);

    const student = track(await RawSyncClient.open(harness.base, workspaceId, studentId));
    const instructor = track(await RawSyncClient.open(harness.base, workspaceId, coursework.instructorId));
    student.change((doc) => doc.getText('test').insert(0, 'draft'));
    await waitFor(() => serverText(harness, workspaceId) === 'draft', 5_000, 'the draft');

    await submitWorkspace(db.fork(), studentId, workspaceId);
    await waitFor(() => lastPermission(student)?.canEdit === false, 1_000, 'the read-only permission');
    expect(lastPermission(student)).toEqual({ canEdit: false, reason: expect.stringContaining('submitted') });
    // What was handed in is kept as a version, whatever anyone edits later.
    expect(await db.sql('select label, reason from conversation_versions where conversation_id = ?', [workspaceId])).toContainEqual({ label: 'Submitted', reason: 'manual' });
    // The instructor's connection stays writable throughout.
    expect(instructor.permissions.every((permission) => permission.canEdit)).toBe(true);

    await returnWorkspace(db.fork(), coursework.instructorId, workspaceId, { feedback: 'Try again.' });
    await waitFor(() => lastPermission(student)?.canEdit === true, 1_000, 'the writable permission');
    student.change((doc) => doc.getText('test').insert(5, ' revised'));
    await waitFor(() => serverText(harness, workspaceId) === 'draft revised', 5_000, 'the edit after the return');

    await submitWorkspace(db.fork(), studentId, workspaceId);
    await waitFor(() => lastPermission(student)?.canEdit === false, 1_000, 'read-only again');
    student.change((doc) => doc.getText('test').insert(0, 'sneaked in '));
    expect((await student.closed).code).toBe(closeCodes.readOnlyChange);
    expect(serverText(harness, workspaceId)).toBe('draft revised');
    // A new connection opens read-only, and the refused edit never shows up there.
    const reopened = track(await RawSyncClient.open(harness.base, workspaceId, studentId));
    await waitFor(() => reopened.permissions.length > 0, 1_000, 'the permission on reconnect');
    expect(lastPermission(reopened)?.canEdit).toBe(false);
    expect(reopened.doc.getText('test').toString()).toBe('draft revised');
  });

  test('unsubmitting before the due date makes it writable again on the same connection', async ({ db }) => {
    const harness = track(await startSyncHarness(await poolOf(db)));
    const coursework = await createCourseworkClass(db, { students: 1, activity: { dueAt: new Date(Date.now() + 60 * 60 * 1000) } });
    const studentId = coursework.studentIds[0] as string;
    const workspaceId = await startedWorkspace(db, coursework, studentId);
    const student = track(await RawSyncClient.open(harness.base, workspaceId, studentId));
    await submitWorkspace(db.fork(), studentId, workspaceId);
    await waitFor(() => lastPermission(student)?.canEdit === false, 1_000, 'the read-only permission');
    await unsubmitWorkspace(db.fork(), studentId, workspaceId);
    await waitFor(() => lastPermission(student)?.canEdit === true, 1_000, 'the writable permission');
    student.change((doc) => doc.getText('test').insert(0, 'after unsubmit'));
    await waitFor(() => serverText(harness, workspaceId) === 'after unsubmit', 5_000, 'the edit');
  });

  test('sharing reaches peers: a classmate’s connection is refused (404) until the workspace is shared, then opens read-only', async ({ db }) => {
    const harness = track(await startSyncHarness(await poolOf(db)));
    const coursework = await createCourseworkClass(db, { students: 2 });
    const [studentId, peerId] = coursework.studentIds as [string, string];
    const workspaceId = await startedWorkspace(db, coursework, studentId);
    await expect(RawSyncClient.open(harness.base, workspaceId, peerId)).rejects.toThrow(/404/);
    await setWorkspaceSharing(db.fork(), studentId, workspaceId, true);
    const peer = track(await RawSyncClient.open(harness.base, workspaceId, peerId));
    await waitFor(() => peer.permissions.length > 0, 1_000, 'the peer’s permission');
    expect(lastPermission(peer)?.canEdit).toBe(false);
    // Unsharing closes the peer's open connection (4403: no longer theirs to read), within a second.
    await setWorkspaceSharing(db.fork(), studentId, workspaceId, false);
    const closed = await Promise.race([peer.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
    expect(closed?.code).toBe(closeCodes.forbidden);
  });
});

/** A response paragraph of `count` words, written by the raw client. */
function writeWords(client: RawSyncClient, count: number, word: string): void {
  client.change((doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, Array.from({ length: count }, () => word).join(' '));
    paragraph.insert(0, [text]);
    doc.getXmlFragment(documentLayout.response).push([paragraph]);
  });
}

describe('live sync: a hard word limit holds for what is handed in', () => {
  test('words sent while the submission is under way either make it refused or are refused themselves: what is handed in never passes the limit', async ({ db }) => {
    const harness = track(await startSyncHarness(await poolOf(db)));
    const coursework = await createCourseworkClass(db, { students: 1, activity: { responseMaxWords: 20, responseWordLimitHard: true } });
    const studentId = coursework.studentIds[0] as string;
    // Sent at different moments of the submission (after so many database round trips of
    // our own): before it reads the document, while it commits, while the engine decides the
    // connection again.
    for (const delayTurns of [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30]) {
      await db.sql('delete from submissions');
      await db.sql(`delete from conversations where kind = 'workspace'`);
      const workspaceId = await startedWorkspace(db, coursework, studentId);
      const student = track(await RawSyncClient.open(harness.base, workspaceId, studentId));
      writeWords(student, 5, 'short');
      await waitFor(() => responseWordCount(harness.server.openRoom(workspaceId)!.doc) === 5, 5_000, 'the first words');
      const submitting = submitWorkspace(db.fork(), studentId, workspaceId).then(
        () => 'submitted',
        (error: unknown) => (error instanceof InvalidError ? 'refused' : Promise.reject(error)),
      );
      for (let turn = 0; turn < delayTurns; turn++) await db.sql('select 1');
      writeWords(student, 60, 'more');
      const outcome = await submitting;
      await harness.server.whenWritten();
      const handedIn = await db.sql<{ status: string }>('select status from submissions where conversation_id = ?', [workspaceId]);
      const words = responseWordCount(harness.server.openRoom(workspaceId)!.doc);
      if (outcome === 'submitted') {
        expect(handedIn, `sent after ${delayTurns} turns`).toEqual([{ status: 'submitted' }]);
        expect(words, `sent after ${delayTurns} turns`).toBeLessThanOrEqual(20);
      } else {
        expect(handedIn, `sent after ${delayTurns} turns`).toEqual([{ status: 'in_progress' }]);
      }
      await student.destroy();
    }
  });
});
