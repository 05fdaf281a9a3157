import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import { encode } from 'next-auth/jwt';
import type pg from 'pg';
import pino, { type Logger } from 'pino';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import type { SyncLimits } from '@/lib/limits';
import { UserSessions } from '@/lib/auth/user-sessions';
import type { DocumentStore } from '@/lib/sync/document-store';
import { SyncServer } from '@/server/sync/sync-server';
import { addMembership, createClass, createConversation } from '@/lib/testing/factories';

/** The secret tests sign session cookies with. */
export const testAuthSecret = 'grimoire-sync-tests-secret-at-least-32-characters';

export interface SyncHarness {
  /** `ws://127.0.0.1:<port>/yjs`, the base a `WebsocketProvider` takes. */
  base: string;
  port: number;
  server: SyncServer;
  stop(): Promise<void>;
}

/** A sync server on a free port over a test database's pool: the engine without Next.js. */
export async function startSyncHarness(
  pool: pg.Pool,
  options: { settings?: Partial<SyncLimits>; store?: DocumentStore; port?: number; log?: Logger; redisUrl?: string } = {},
): Promise<SyncHarness> {
  process.env.AUTH_SECRET = testAuthSecret;
  sessionDatabase = pool;
  const server = new SyncServer({ pool, log: options.log ?? pino({ level: 'silent' }), settings: options.settings, store: options.store, redisUrl: options.redisUrl });
  await server.relay?.ready();
  const http: Server = createServer((_request, response) => response.writeHead(404).end());
  http.on('upgrade', (request, socket, head) => void server.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    base: `ws://127.0.0.1:${port}/yjs`,
    port,
    server,
    async stop() {
      await server.shutdown();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export async function poolOf(db: TestDatabase): Promise<pg.Pool> {
  return (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}

/** Where `sessionCookie` starts sessions: the database of the last classroom or harness made. */
let sessionDatabase: pg.Pool | undefined;

/**
 * The session cookie of a signed-in user, as Auth.js would set it after signing in: it names
 * a server-side session (`sid`) started in the test's database.
 */
export async function sessionCookie(userId: string): Promise<string> {
  if (!sessionDatabase) throw new Error('sessionCookie starts a session in the test database: call createClassroom or startSyncHarness first');
  const sid = await new UserSessions(sessionDatabase).start(userId);
  const token = await encode({ token: { sub: userId, sid }, secret: testAuthSecret, salt: 'authjs.session-token' });
  return `authjs.session-token=${token}`;
}

export interface Classroom {
  instructorId: string;
  studentId: string;
  otherStudentId: string;
  outsiderId: string;
  classId: string;
  conversationId: string;
}

/** An instructor, two students, an outsider, a class and one conversation owned by a student. */
export async function createClassroom(db: TestDatabase): Promise<Classroom> {
  const em = db.fork();
  sessionDatabase = (await (em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
  const unique = Math.random().toString(36).slice(2, 8);
  const instructor = await createUser(em, { email: `instructor-${unique}@example.test`, name: 'Instructor' });
  const student = await createUser(em, { email: `student-${unique}@example.test`, name: 'Student' });
  const otherStudent = await createUser(em, { email: `other-${unique}@example.test`, name: 'Other Student' });
  const outsider = await createUser(em, { email: `outsider-${unique}@example.test`, name: 'Outsider' });
  const created = await createClass(em, instructor.id, { name: 'Sync class' });
  await addMembership(em, { userId: student.id, classId: created.id, role: 'student' });
  await addMembership(em, { userId: otherStudent.id, classId: created.id, role: 'student' });
  const conversation = await createConversation(em, { classId: created.id, ownerId: student.id }, { title: 'Shared transcript' });
  return {
    instructorId: instructor.id,
    studentId: student.id,
    otherStudentId: otherStudent.id,
    outsiderId: outsider.id,
    classId: created.id,
    conversationId: conversation.id,
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  synced: Promise<void>;
  destroy(): void;
}

/** A stock `y-websocket` client in Node, carrying the user's session cookie; on `doc` when given (a client moving to another server). */
export async function connectClient(base: string, conversationId: string, userId: string, existing?: Y.Doc): Promise<TestClient> {
  const cookie = await sessionCookie(userId);
  class CookieWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  // Each stock provider in Node adds a process 'exit' listener (removed on destroy); tests
  // with twenty clients would otherwise trip Node's leak warning.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 64));
  const doc = existing ?? new Y.Doc();
  const provider = new WebsocketProvider(base, conversationId, doc, {
    WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    resyncInterval: -1,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    text: doc.getText('test'),
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `condition` holds, checking as events arrive; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Opens a raw WebSocket and reports how the upgrade ended: the HTTP status, or 101 and the first message. */
export function rawUpgrade(url: string, cookie?: string): Promise<{ status: number; messages: Buffer[]; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} });
    const messages: Buffer[] = [];
    socket.on('message', (data: Buffer) => messages.push(data));
    socket.on('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0, messages });
      socket.terminate();
    });
    socket.on('open', () => resolve({ status: 101, messages, socket }));
    socket.on('error', () => undefined);
  });
}
