import { afterEach, describe, expect } from 'vitest';
import { AnnotationDocument } from '@/lib/annotations/annotation-document';
import { addMembership } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { unnamedMember } from '@/lib/users/display-name';
import { createUser, updateUser } from '@/lib/users/user-records';
import { closeCodes } from './sync-connection';
import { RawSyncClient } from './testing/raw-sync-client';
import { connectClient, createClassroom, poolOf, startSyncHarness, waitFor, type SyncHarness, type TestClient } from './testing/sync-harness';

/*
 * The name other members see of someone in a live conversation (presence, carets, the
 * authors of highlights and comments) is set by the server from the session: the person's
 * display name, never their email address or any part of it.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<T extends TestClient | SyncHarness | RawSyncClient>(thing: T): T {
  cleanups.push(() => ('destroy' in thing ? thing.destroy() : thing.stop()));
  return thing;
}

/** A student of the classroom's class with this email and name. */
async function student(db: TestDatabase, classId: string, email: string, name: string): Promise<string> {
  const user = await createUser(db.fork(), { email, name });
  await addMembership(db.fork(), { userId: user.id, classId, role: 'student' });
  return user.id;
}

/** The presence `user` another client relays for `client`, once it has arrived. */
async function relayedUser(observer: TestClient, client: TestClient, marker: string): Promise<{ id?: string; name?: string } | undefined> {
  client.provider.awareness.setLocalState({ user: { name: 'whatever the page says' }, marker });
  const state = () => observer.provider.awareness.getStates().get(client.doc.clientID) as { user?: { id?: string; name?: string }; marker?: string } | undefined;
  await waitFor(() => state()?.marker === marker, 5_000, 'the presence to be relayed');
  return state()!.user;
}

describe('live sync: the name relayed to other members is the display name, never the email', () => {
  test('presence carries the chosen display name; without one, a placeholder with no part of the email', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const unique = Math.random().toString(36).slice(2, 8);
    const named = await student(db, room.classId, `ada.lovelace.${unique}@example.test`, 'Ada Lovelace');
    const nameless = await student(db, room.classId, `grace.hopper.${unique}@example.test`, '');
    const observer = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    const ada = track(await connectClient(harness.base, room.conversationId, named));
    const grace = track(await connectClient(harness.base, room.conversationId, nameless));
    await Promise.all([observer.synced, ada.synced, grace.synced]);

    expect(await relayedUser(observer, ada, 'ada')).toMatchObject({ id: named, name: 'Ada Lovelace' });
    const graceSeen = await relayedUser(observer, grace, 'grace');
    expect(graceSeen).toMatchObject({ id: nameless, name: unnamedMember });
    expect(JSON.stringify(graceSeen)).not.toContain('grace');
    expect(JSON.stringify(graceSeen)).not.toContain('example.test');
  });

  test('a highlight must carry the display name: one signed with the email’s local part is refused', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const unique = Math.random().toString(36).slice(2, 8);
    const localPart = `ada.${unique}`;
    const ada = await student(db, room.classId, `${localPart}@example.test`, 'Ada Lovelace');
    const teacher = track(await RawSyncClient.open(harness.base, room.conversationId, room.instructorId));
    let tagId = '';
    teacher.change((doc) => (tagId = new AnnotationDocument(doc).addTag('effective', '#bbf7d0').id));

    const byEmail = track(await RawSyncClient.open(harness.base, room.conversationId, ada));
    const refusedId = crypto.randomUUID();
    byEmail.change((doc) => new AnnotationDocument(doc).createAnnotation(refusedId, tagId, { id: ada, name: localPart }));
    expect((await byEmail.closed).code).toBe(closeCodes.refusedChange);

    const byName = track(await RawSyncClient.open(harness.base, room.conversationId, ada));
    const acceptedId = crypto.randomUUID();
    byName.change((doc) => new AnnotationDocument(doc).createAnnotation(acceptedId, tagId, { id: ada, name: 'Ada Lovelace' }));
    await waitFor(() => new AnnotationDocument(teacher.doc).getAnnotation(acceptedId) !== undefined, 5_000, 'the highlight in the display name');
    expect(new AnnotationDocument(teacher.doc).getAnnotation(acceptedId)?.authorName).toBe('Ada Lovelace');
    expect(new AnnotationDocument(teacher.doc).getAnnotation(refusedId)).toBeUndefined();
  });

  test('a changed display name reaches the connections opened after the change', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = track(await startSyncHarness(await poolOf(db)));
    const observer = track(await connectClient(harness.base, room.conversationId, room.instructorId));
    await observer.synced;
    const before = track(await connectClient(harness.base, room.conversationId, room.studentId));
    await before.synced;
    expect((await relayedUser(observer, before, 'before'))?.name).toBe('Student');

    await updateUser(db.fork(), room.studentId, { name: 'Sam Renamed' });
    const after = track(await connectClient(harness.base, room.conversationId, room.studentId));
    await after.synced;
    expect((await relayedUser(observer, after, 'after'))?.name).toBe('Sam Renamed');
  });
});
