import { decode } from 'next-auth/jwt';
import { afterEach, describe, expect } from 'vitest';
import { createAuthCallbacks } from '@/lib/auth/auth-callbacks';
import { UserSessions } from '@/lib/auth/user-sessions';
import { SignInLinkLimiter } from '@/lib/rate-limit/sign-in-link-limiter';
import type { DocumentStore } from '@/lib/sync/document-store';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { closeCodes } from './sync-connection';
import { createClassroom, poolOf, rawUpgrade, sessionCookie, startSyncHarness, testAuthSecret, waitFor, type SyncHarness } from './testing/sync-harness';

/**
 * Signing out ends the session for live sync too (`session-watch.ts`): its open connections close (`4401`), one
 * still opening is refused, and a reconnect with the same cookie gets 401; the same person's
 * other sessions (another browser) stay connected.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harnessFor(db: TestDatabase, store?: DocumentStore): Promise<SyncHarness> {
  const harness = await startSyncHarness(await poolOf(db), { store });
  cleanups.push(() => harness.stop());
  return harness;
}

/** Signs the cookie's session out the way Auth.js does: its `signOut` event with the decoded cookie. */
async function signOut(db: TestDatabase, cookie: string): Promise<void> {
  const pool = await poolOf(db);
  const token = await decode({ token: cookie.slice(cookie.indexOf('=') + 1), secret: testAuthSecret, salt: 'authjs.session-token' });
  const { events } = createAuthCallbacks({
    entityManager: async () => db.fork(),
    sessions: async () => new UserSessions(pool),
    signInLinks: async () => new SignInLinkLimiter(pool),
    clientAddress: async () => '127.0.0.1',
  });
  await events!.signOut!({ token });
}

describe('live sync: signing out', () => {
  test('closes that session’s open connections with 4401, not the same person’s other session, and its cookie reopens nothing', async ({ db }) => {
    const room = await createClassroom(db);
    const harness = await harnessFor(db);
    const url = `${harness.base}/${room.conversationId}`;
    const sharedComputer = await sessionCookie(room.studentId);
    const ownLaptop = await sessionCookie(room.studentId);
    const first = await rawUpgrade(url, sharedComputer);
    const second = await rawUpgrade(url, sharedComputer);
    const laptop = await rawUpgrade(url, ownLaptop);
    for (const opened of [first, second, laptop]) expect(opened.status).toBe(101);
    const closes = [first, second, laptop].map((opened) => {
      const closed: { code?: number } = {};
      opened.socket!.on('close', (code) => (closed.code = code));
      return closed;
    });

    await signOut(db, sharedComputer);
    await waitFor(() => closes[0]!.code !== undefined && closes[1]!.code !== undefined, 5_000, 'the signed-out connections to close');
    expect(closes.slice(0, 2).map((closed) => closed.code)).toEqual([closeCodes.signedOut, closeCodes.signedOut]);
    expect(laptop.socket!.readyState).toBe(laptop.socket!.OPEN);
    expect((await rawUpgrade(url, sharedComputer)).status).toBe(401);
    const again = await rawUpgrade(url, ownLaptop);
    expect(again.status).toBe(101);
    again.socket!.close();
    laptop.socket!.close();
  });

  test('a connection still opening when its session signs out is refused before any document data', async ({ db }) => {
    const room = await createClassroom(db);
    const pool = await poolOf(db);
    let loadStarted!: () => void;
    const started = new Promise<void>((resolve) => (loadStarted = resolve));
    let finishLoad!: () => void;
    const held = new Promise<void>((resolve) => (finishLoad = resolve));
    const real = new PostgresDocumentStore(pool);
    const slow: DocumentStore = {
      load: async (id) => {
        loadStarted();
        await held;
        return real.load(id);
      },
      append: (updates) => real.append(updates),
      compact: (id, compaction) => real.compact(id, compaction),
      countLogRows: () => real.countLogRows(),
    };
    const harness = await harnessFor(db, slow);
    const cookie = await sessionCookie(room.studentId);
    const opening = rawUpgrade(`${harness.base}/${room.conversationId}`, cookie);
    await started;
    await signOut(db, cookie);
    finishLoad();
    const result = await opening;
    expect(result.status).toBe(401);
    expect(result.messages).toEqual([]);
  });
});
