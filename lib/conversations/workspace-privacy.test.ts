import { afterEach, describe, expect } from 'vitest';
import { exportConversationMarkdown } from '@/lib/export/conversation-export';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { addMembership, createActivityRow, createClass, createConversation, createWorkspace } from '@/lib/testing/factories';
import { transcriptDocumentFromHtml } from '@/lib/testing/html-transcript-document';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { getConversationVersion, keepConversationVersion, listConversationVersions } from '@/lib/versions/version-administration';
import { browseClassConversations } from './browse-class-conversations';
import { changeConversation, deleteConversation, getConversationForMember } from './conversation-administration';
import { listClassTrash, restoreConversation } from './conversation-trash';
import { poolOf, startSyncHarness } from '@/server/sync/testing/sync-harness';

/*
 * The authorization matrix for coursework, at the services every page and route calls: a
 * student's private workspace is, to another student (and to anyone outside the class), a
 * conversation that does not exist (404) however it is reached; an activity's template is
 * that to every student; a shared workspace is readable by the class, and still never
 * listed. The live-sync side is server/sync/sync-workspace-privacy.test.ts.
 */

const secret = 'xyzzyplugh';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function coursework(db: TestDatabase) {
  const instructor = await createUser(db.fork(), { email: 'ada@example.com', name: 'Ada' });
  const student = await createUser(db.fork(), { email: 'bo@example.com', name: 'Bo' });
  const peer = await createUser(db.fork(), { email: 'cy@example.com', name: 'Cy' });
  const outsider = await createUser(db.fork(), { email: 'di@example.com', name: 'Di' });
  const { id: classId } = await createClass(db.fork(), instructor.id, { name: 'Critical reading' });
  await addMembership(db.fork(), { userId: student.id, classId, role: 'student' });
  await addMembership(db.fork(), { userId: peer.id, classId, role: 'student' });
  const { id: activityId } = await createActivityRow(db.fork(), { classId, createdById: instructor.id });
  const document = transcriptDocumentFromHtml([{ role: 'assistant', html: `<p>The ${secret} answer</p>` }]).state;
  const workspace = await createWorkspace(db.fork(), { classId, ownerId: student.id, activityId }, { title: `Workspace ${secret}`, rawText: `Assistant: The ${secret} answer`, yjsState: document });
  const template = await createConversation(db.fork(), { classId, ownerId: instructor.id }, { title: `Template ${secret}`, rawText: `Assistant: The ${secret} answer` });
  await db.sql(`update conversations set kind = 'template', activity_id = ?, yjs_state = ? where id = ?`, [activityId, Buffer.from(document), template.id]);
  await db.sql('update activities set template_id = ? where id = ?', [template.id, activityId]);
  const classConversation = await createConversation(db.fork(), { classId, ownerId: peer.id }, { title: `Class talk ${secret}`, rawText: `User: ${secret}` });
  // A version of the workspace, kept by its student (keeping one asks the live-sync engine).
  const harness = await startSyncHarness(await poolOf(db));
  cleanups.push(() => harness.stop());
  const version = await keepConversationVersion(db.fork(), student.id, workspace.id, { label: 'Draft' });
  return {
    instructorId: instructor.id,
    studentId: student.id,
    peerId: peer.id,
    outsiderId: outsider.id,
    classId,
    workspaceId: workspace.id,
    templateId: template.id,
    classConversationId: classConversation.id,
    versionId: version.id,
  };
}

type Scene = Awaited<ReturnType<typeof coursework>>;

/** Every way a member reads one conversation: its detail, versions, one version, its export. */
function readings(db: TestDatabase, s: Scene, conversationId: string) {
  return {
    detail: (userId: string) => getConversationForMember(db.fork(), userId, conversationId),
    versions: (userId: string) => listConversationVersions(db.fork(), userId, conversationId),
    version: (userId: string) => getConversationVersion(db.fork(), userId, conversationId, s.versionId),
    export: (userId: string) => exportConversationMarkdown(db.fork(), userId, conversationId),
  };
}

async function listedIds(db: TestDatabase, userId: string, classId: string, q?: string): Promise<string[]> {
  return (await browseClassConversations(db.fork(), userId, classId, q ? { q } : {})).items.map((item) => item.id);
}

describe('a private workspace', () => {
  test('is 404 to another student and to an outsider: detail, versions, a version, export, rename, delete', async ({ db }) => {
    const s = await coursework(db);
    const read = readings(db, s, s.workspaceId);
    for (const userId of [s.peerId, s.outsiderId]) {
      await expect(read.detail(userId)).rejects.toThrow(new NotFoundError('conversation'));
      await expect(read.versions(userId)).rejects.toThrow(new NotFoundError('conversation'));
      await expect(read.version(userId)).rejects.toThrow(new NotFoundError('conversation'));
      await expect(read.export(userId)).rejects.toThrow(new NotFoundError('conversation'));
      await expect(changeConversation(db.fork(), userId, s.workspaceId, { title: 'Mine now' })).rejects.toThrow(new NotFoundError('conversation'));
      await expect(deleteConversation(db.fork(), userId, s.workspaceId)).rejects.toThrow(new NotFoundError('conversation'));
    }
    expect(await db.sql('select title, deleted_at from conversations where id = ?', [s.workspaceId])).toEqual([{ title: `Workspace ${secret}`, deleted_at: null }]);
  });

  test('is readable by its student and the class’s instructors, everywhere', async ({ db }) => {
    const s = await coursework(db);
    const read = readings(db, s, s.workspaceId);
    for (const userId of [s.studentId, s.instructorId]) {
      expect(await read.detail(userId)).toMatchObject({ id: s.workspaceId, canEdit: true });
      expect((await read.versions(userId)).items.map((item) => item.id)).toEqual([s.versionId]);
      expect((await read.version(userId)).rawText).toContain(secret);
      expect((await read.export(userId)).markdown).toContain(secret);
    }
  });

  test('never appears in the class list or search, for anyone; nor does a template', async ({ db }) => {
    const s = await coursework(db);
    for (const userId of [s.studentId, s.peerId, s.instructorId]) {
      expect(await listedIds(db, userId, s.classId)).toEqual([s.classConversationId]);
      expect(await listedIds(db, userId, s.classId, secret)).toEqual([s.classConversationId]);
      expect(await listedIds(db, userId, s.classId, 'Workspace')).toEqual([]);
    }
  });
});

describe('an activity’s template', () => {
  test('is 404 to every student, their own class’s included, everywhere; instructors read it', async ({ db }) => {
    const s = await coursework(db);
    const read = readings(db, s, s.templateId);
    for (const userId of [s.studentId, s.peerId, s.outsiderId]) {
      await expect(read.detail(userId)).rejects.toThrow(new NotFoundError('conversation'));
      await expect(read.versions(userId)).rejects.toThrow(new NotFoundError('conversation'));
      await expect(read.export(userId)).rejects.toThrow(new NotFoundError('conversation'));
    }
    expect(await read.detail(s.instructorId)).toMatchObject({ id: s.templateId, canEdit: true });
    expect((await read.export(s.instructorId)).markdown).toContain(secret);
  });
});

describe('a shared workspace', () => {
  test('is readable by peers (read-only), still 404 outside the class, and still not listed', async ({ db }) => {
    const s = await coursework(db);
    await db.sql('update conversations set shared_with_class = true where id = ?', [s.workspaceId]);
    const read = readings(db, s, s.workspaceId);
    expect(await read.detail(s.peerId)).toMatchObject({ id: s.workspaceId, canEdit: false });
    // Its current text, not its history (what its student deleted before sharing).
    await expect(read.versions(s.peerId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(read.version(s.peerId)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await read.versions(s.studentId)).items).toHaveLength(1);
    expect((await read.export(s.peerId)).markdown).toContain(secret);
    expect(await read.detail(s.studentId)).toMatchObject({ canEdit: true });
    await expect(read.detail(s.outsiderId)).rejects.toThrow(new NotFoundError('conversation'));
    await expect(changeConversation(db.fork(), s.peerId, s.workspaceId, { title: 'Mine now' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(keepConversationVersion(db.fork(), s.peerId, s.workspaceId, {})).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listedIds(db, s.peerId, s.classId, secret)).toEqual([s.classConversationId]);
    expect(await db.sql('select title from conversations where id = ?', [s.workspaceId])).toEqual([{ title: `Workspace ${secret}` }]);
  });
});

describe('coursework and the trash', () => {
  test('restoring a private workspace or a template is 404 to another student whether or not it is in the trash (no oracle); its own student cannot restore a workspace, an instructor can', async ({ db }) => {
    const s = await coursework(db);
    for (const id of [s.workspaceId, s.templateId]) {
      await expect(restoreConversation(db.fork(), s.peerId, id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await deleteConversation(db.fork(), s.instructorId, s.workspaceId);
    await expect(restoreConversation(db.fork(), s.peerId, s.workspaceId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(restoreConversation(db.fork(), s.studentId, s.workspaceId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listClassTrash(db.fork(), s.studentId, s.classId)).items).toEqual([]);
    expect((await restoreConversation(db.fork(), s.instructorId, s.workspaceId)).id).toBe(s.workspaceId);
  });

  test('a template cannot be deleted, by anyone: it goes with its activity', async ({ db }) => {
    const s = await coursework(db);
    await expect(deleteConversation(db.fork(), s.instructorId, s.templateId)).rejects.toThrow(/belongs to an activity/);
    expect(await db.sql('select deleted_at from conversations where id = ?', [s.templateId])).toEqual([{ deleted_at: null }]);
  });

  test('a submitted workspace cannot be renamed by its student; an instructor can', async ({ db }) => {
    const s = await coursework(db);
    await db.sql(`update submissions set status = 'submitted', submitted_at = now() where conversation_id = ?`, [s.workspaceId]);
    await expect(changeConversation(db.fork(), s.studentId, s.workspaceId, { title: 'Renamed' })).rejects.toThrow(/submitted/);
    expect((await changeConversation(db.fork(), s.instructorId, s.workspaceId, { title: 'Renamed' })).title).toBe('Renamed');
  });
});
