import type pg from 'pg';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { publishDomainEvent } from '@/lib/events/domain-events';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { createActivityRow, createConversation, createWorkspace } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, waitFor, type Classroom, type SyncHarness } from './testing/sync-harness';
import { stoppedAfterEach } from '@/server/sync/testing/stopped-after-each';

/*
 * Coursework privacy over the WebSocket, with raw clients: a private workspace is refused to
 * another student before any document data, as a missing conversation is (404); a template
 * to every student; a shared workspace opens read-only for peers, whose edits are refused
 * (4423) and stored nowhere. The services' side is lib/conversations/workspace-privacy.test.ts.
 */

const track = stoppedAfterEach();

interface Scene {
  room: Classroom;
  harness: SyncHarness;
  pool: pg.Pool;
  workspaceId: string;
  templateId: string;
}

async function scene(db: TestDatabase): Promise<Scene> {
  const room = await createClassroom(db);
  const pool = await poolOf(db);
  const harness = track(await startSyncHarness(pool));
  const { id: activityId } = await createActivityRow(db.fork(), { classId: room.classId, createdById: room.instructorId });
  const workspace = await createWorkspace(db.fork(), { classId: room.classId, ownerId: room.studentId, activityId });
  const template = await createConversation(db.fork(), { classId: room.classId, ownerId: room.instructorId }, { title: 'Template' });
  await db.sql(`update conversations set kind = 'template', activity_id = ? where id = ?`, [activityId, template.id]);
  return { room, harness, pool, workspaceId: workspace.id, templateId: template.id };
}

async function storedText(s: Scene, conversationId: string): Promise<string> {
  await s.harness.server.whenWritten();
  const stored = await new PostgresDocumentStore(s.pool).load(conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getText('test').toString();
}

describe('live sync: private workspaces and templates', () => {
  test('a private workspace is refused to another student and an outsider before any data, as a missing one is (404)', async ({ db }) => {
    const s = await scene(db);
    const url = `${s.harness.base}/${s.workspaceId}`;
    for (const userId of [s.room.otherStudentId, s.room.outsiderId]) {
      const attempt = await rawUpgrade(url, await sessionCookie(userId));
      expect(attempt.status).toBe(404);
      expect(attempt.messages).toEqual([]);
    }
    const missing = await rawUpgrade(`${s.harness.base}/${crypto.randomUUID()}`, await sessionCookie(s.room.otherStudentId));
    expect(missing.status).toBe(404);
    // Its student and the instructor get in and may write.
    for (const userId of [s.room.studentId, s.room.instructorId]) {
      const client = track(await RawSyncClient.open(s.harness.base, s.workspaceId, userId));
      await waitFor(() => client.permissions.length > 0, 5_000, 'the permission message');
      expect(client.permissions.at(-1)).toEqual({ canEdit: true, mayAddTags: true });
    }
    expect(s.harness.server.openRoom(s.workspaceId)!.connections.size).toBe(2);
  });

  test('a template is refused to every student (404), its own class’s included; its instructor opens it', async ({ db }) => {
    const s = await scene(db);
    const url = `${s.harness.base}/${s.templateId}`;
    for (const userId of [s.room.studentId, s.room.otherStudentId, s.room.outsiderId]) {
      const attempt = await rawUpgrade(url, await sessionCookie(userId));
      expect(attempt.status).toBe(404);
      expect(attempt.messages).toEqual([]);
    }
    const instructor = track(await RawSyncClient.open(s.harness.base, s.templateId, s.room.instructorId));
    instructor.change((doc) => doc.getText('test').insert(0, 'template text'));
    await waitFor(() => s.harness.server.openRoom(s.templateId)?.doc.getText('test').toString() === 'template text', 5_000, 'the edit to reach the server');
    expect(await storedText(s, s.templateId)).toBe('template text');
  });

  test('a shared workspace opens read-only for a peer: their edit is refused (4423) and stored nowhere; its student still writes', async ({ db }) => {
    const s = await scene(db);
    await db.sql('update conversations set shared_with_class = true where id = ?', [s.workspaceId]);
    const owner = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    owner.change((doc) => doc.getText('test').insert(0, 'my essay'));
    const peer = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.otherStudentId));
    await waitFor(() => peer.doc.getText('test').toString() === 'my essay', 5_000, 'the peer to read the workspace');
    await waitFor(() => peer.permissions.length > 0, 5_000, 'the peer’s permission message');
    expect(peer.permissions.at(-1)).toEqual({ canEdit: false, reason: expect.stringContaining('shares this workspace') });

    peer.change((doc) => doc.getText('test').insert(0, 'defaced '));
    expect((await peer.closed).code).toBe(closeCodes.readOnlyChange);
    owner.change((doc) => doc.getText('test').insert(8, ', revised'));
    await waitFor(() => s.harness.server.openRoom(s.workspaceId)!.doc.getText('test').toString() === 'my essay, revised', 5_000, 'the owner’s later edit');
    expect(await storedText(s, s.workspaceId)).toBe('my essay, revised');
  });

  test('unsharing closes a peer’s open connection (4403) at once, and they are refused (404) after', async ({ db }) => {
    const s = await scene(db);
    await db.sql('update conversations set shared_with_class = true where id = ?', [s.workspaceId]);
    const peer = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.otherStudentId));
    const owner = track(await RawSyncClient.open(s.harness.base, s.workspaceId, s.room.studentId));
    await db.sql('update conversations set shared_with_class = false where id = ?', [s.workspaceId]);
    publishDomainEvent({ type: 'conversation.access-changed', conversationId: s.workspaceId });
    expect((await peer.closed).code).toBe(closeCodes.forbidden);
    expect(owner.isOpen).toBe(true);
    const again = await rawUpgrade(`${s.harness.base}/${s.workspaceId}`, await sessionCookie(s.room.otherStudentId));
    expect(again.status).toBe(404);
    expect(again.messages).toEqual([]);
  });
});
