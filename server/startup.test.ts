import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { signIn } from '@/bench/pages/sign-in';
import { EmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { isProcessAlive, processCommandLine, processStartIdentity } from '@/lib/db/process-alive';
import { startUnrelatedProcess, startZombie } from '@/lib/testing/stale-processes';
import { createTestDatabase } from '@/lib/testing/test-database';
import { documentLayout } from '@/lib/sync/document-layout';
import { startTestRedis } from './sync/testing/redis-server';
import { encodeSyncStep1, encodeSyncStep2FromUpdate, encodeUpdateMessage, messageType, syncType } from './sync/sync-messages';

const projectRoot = path.resolve(import.meta.dirname, '..');
const cleanups: Array<() => void | Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-startup-test-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

interface Started {
  child: ChildProcess;
  exit: Promise<ChildExit>;
}

/**
 * Runs a server entry point from source with the given environment: the development server
 * (no production build needed), or the production one for checks made before it serves.
 */
function startServer(env: Record<string, string>, entry = 'server/dev.ts'): Started {
  const distDir = `.next-tests/startup-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // Next.js adds its build directory to the tsconfig it is given: give it a copy, beside ours
  // (the include paths are relative), so ours is never rewritten.
  const tsconfig = `tsconfig.test-${path.basename(distDir)}.json`;
  copyFileSync(path.join(projectRoot, 'tsconfig.json'), path.join(projectRoot, tsconfig));
  cleanups.push(() => rmSync(path.join(projectRoot, distDir), { recursive: true, force: true }));
  cleanups.push(() => rmSync(path.join(projectRoot, tsconfig), { force: true }));
  // As `npm run dev` runs it: node with tsx's loader, no wrapper process between the signal
  // and the server (the tsx command relays a signal, and under load may exit 143 itself).
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
      GRIMOIRE_NEXT_DIST_DIR: distDir,
      GRIMOIRE_NEXT_TSCONFIG: tsconfig,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = outputUntilExit(child);
  // A test that fails midway still stops its server the orderly way, so no PostgreSQL is left behind.
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exit.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000))]);
    if (!stopped) child.kill('SIGKILL');
  });
  return { child, exit };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function waitForHealth(port: number, exit: Started['exit']): Promise<void> {
  let exited = false;
  void exit.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`server exited before it was healthy: ${(await exit).stderr}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}


type ChildExit = { code: number | null; stderr: string; stdout: string };

/** The child's output, collected until it exits, with its exit code (`signalAsCode`: -1 when a signal ended it, else null). */
function outputUntilExit(child: ChildProcess, options: { signalAsCode?: boolean } = {}): Promise<ChildExit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code: code ?? (options.signalAsCode && signal ? -1 : null), stderr, stdout })),
  );
}

function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Grimoire could not start: /);
  expect(lines[0]).toMatch(pattern);
}

describe('server start-up and shutdown', () => {
  test('an unreachable DATABASE_URL gives one line, without the password, and exit 1', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const { exit } = startServer({ DATABASE_URL: `postgres://someone:hunter2secret@127.0.0.1:${port}/grimoire`, PORT: String(port) });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, /Cannot use the database at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:\d+\/grimoire \(ECONNREFUSED\): check DATABASE_URL/);
    expect(stderr).not.toContain('hunter2secret');
  });

  test('production with the dev sign-in on a server listening on the network refuses to start, AUTH_URL unset or not', { timeout: 60_000 }, async () => {
    for (const authUrl of [undefined, 'http://127.0.0.1:3000']) {
      const { exit } = startServer(
        {
          // Never reached: the refusal comes first.
          DATABASE_URL: `postgres://nobody@127.0.0.1:${await freePort()}/grimoire`,
          AUTH_DEV_LOGIN: '1',
          AUTH_SECRET: 'a-production-secret-of-at-least-32-characters',
          HOST: '0.0.0.0',
          ...(authUrl ? { AUTH_URL: authUrl } : {}),
        },
        'server/production.ts',
      );
      const { code, stderr } = await exit;
      expect(code).toBe(1);
      expectOneLineError(stderr, /AUTH_DEV_LOGIN=1 lets anyone sign in as anyone.*HOST=0\.0\.0\.0 listens on the network/);
    }
  });

  test('a DATABASE_URL of another kind gives one line and exit 1', { timeout: 60_000 }, async () => {
    const { exit } = startServer({ DATABASE_URL: 'mysql://root@localhost/grimoire' });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
  });

  test('a malformed REDIS_URL gives one line, without its password, and exit 1', { timeout: 60_000 }, async () => {
    const { exit } = startServer({ DATABASE_URL: `postgres://nobody@127.0.0.1:${await freePort()}/grimoire`, REDIS_URL: 'http://:hunter2secret@redis.internal:6379' });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL with a host/);
    expect(stderr).not.toContain('hunter2secret');
  });

  test('REDIS_URL without DATABASE_URL gives one line and exit 1', { timeout: 60_000 }, async () => {
    const { exit } = startServer({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, /REDIS_URL needs DATABASE_URL/);
  });

  test('a data directory that cannot be written gives one line and exit 1', { timeout: 60_000 }, async () => {
    const blocker = path.join(temporaryDirectory(), 'a-file');
    writeFileSync(blocker, '');
    const { exit } = startServer({ GRIMOIRE_DATA_DIR: path.join(blocker, 'data') });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, /Cannot write the data directory .*a-file\/data \(ENOTDIR\)/);
  });

  test('a taken port gives one line, exit 1, and stops the embedded database it started', { timeout: 120_000 }, async () => {
    const dataDirectory = temporaryDirectory();
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    cleanups.push(() => void blocker.close());
    const { exit } = startServer({ GRIMOIRE_DATA_DIR: dataDirectory, PORT: String(port), HOST: '127.0.0.1' });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, new RegExp(`Port ${port} is already in use on 127\\.0\\.0\\.1: stop the other server or set PORT`));
    expect(existsSync(path.join(dataDirectory, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  test('SIGTERM stops the server and leaves no PostgreSQL process behind', { timeout: 180_000 }, async () => {
    const dataDirectory = temporaryDirectory();
    const port = await freePort();
    const { child, exit } = startServer({ GRIMOIRE_DATA_DIR: dataDirectory, PORT: String(port), HOST: '127.0.0.1' });
    await waitForHealth(port, exit);
    const postgresPid = Number(readFileSync(path.join(dataDirectory, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isProcessAlive(postgresPid)).toBe(true);

    child.kill('SIGTERM');
    const { code } = await exit;
    expect(code).toBe(0);
    expect(isProcessAlive(postgresPid)).toBe(false);
    expect(existsSync(path.join(dataDirectory, 'postgres.owner'))).toBe(false);
  });

  test('a signal during start-up stops the server once it is up, and PostgreSQL with it', { timeout: 180_000 }, async () => {
    const dataDirectory = temporaryDirectory();
    const cluster = path.join(dataDirectory, 'postgres');
    const port = await freePort();
    const { child, exit } = startServer({ GRIMOIRE_DATA_DIR: dataDirectory, PORT: String(port), HOST: '127.0.0.1' });
    cleanups.push(() => stopPostgresOf(cluster));
    // PostgreSQL is up; migrations and Next.js are still to come.
    await expect.poll(() => postgresProcessesOf(cluster).length, { timeout: 120_000, interval: 20 }).toBeGreaterThan(0);
    child.kill('SIGTERM');
    const { code } = await exit;
    expect(code).toBe(0);
    expect(postgresProcessesOf(cluster)).toEqual([]);
    expect(existsSync(path.join(dataDirectory, 'postgres.owner'))).toBe(false);
  });

  test('with REDIS_URL the server relays through that Redis: /readyz says when the relay is away (still ready), /livez follows only the process', { timeout: 180_000 }, async () => {
    const redis = await startTestRedis({ own: true });
    cleanups.push(() => redis.stop());
    // Several processes share one PostgreSQL: REDIS_URL is refused without DATABASE_URL.
    const database = await createTestDatabase();
    cleanups.push(() => database.dispose());
    const port = await freePort();
    const { child, exit } = startServer({ GRIMOIRE_DATA_DIR: temporaryDirectory(), DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url });
    await waitForHealth(port, exit);
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return `${response.status} ${await response.text()}`;
    };
    await expect.poll(readyz, { timeout: 15_000 }).toBe('200 {"status":"ready"}');

    await redis.restart(async () => {
      await expect.poll(readyz, { timeout: 15_000 }).toBe('200 {"status":"ready","degraded":["relay_disconnected"]}');
      const livez = await fetch(`http://127.0.0.1:${port}/livez`);
      expect(livez.status).toBe(200);
      expect(await livez.json()).toEqual({ status: 'ok' });
      // The pages, served by Next.js, do not depend on Redis.
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    });
    await expect.poll(readyz, { timeout: 15_000 }).toBe('200 {"status":"ready"}');

    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });

  test('a second signal a second after the first exits 1 at once, and PostgreSQL still stops', { timeout: 180_000 }, async () => {
    const dataDirectory = temporaryDirectory();
    const cluster = path.join(dataDirectory, 'postgres');
    const port = await freePort();
    const { child, exit } = startServer({ GRIMOIRE_DATA_DIR: dataDirectory, PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_TIMEOUT_MS: '60000' });
    cleanups.push(() => stopPostgresOf(cluster));
    await waitForHealth(port, exit);
    expect(postgresProcessesOf(cluster)).not.toEqual([]);
    // A request whose body never comes keeps the orderly shutdown waiting for it.
    const stalled = net.connect(port, '127.0.0.1');
    cleanups.push(() => void stalled.destroy());
    await new Promise<void>((resolve) => stalled.once('connect', resolve));
    stalled.write(`POST /api/auth/callback/dev HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=`);

    child.kill('SIGTERM');
    // A person pressing Ctrl-C again because the first seems stuck: deliberately later.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    const { code, stdout } = await exit;
    expect(code).toBe(1);
    expect(stdout).toMatch(/second signal: exiting now/);
    await expect.poll(() => postgresProcessesOf(cluster), { timeout: 15_000 }).toEqual([]);
  });
});

/** PostgreSQL processes (the postmaster and its backends) working on this cluster, found by their `-D`. */
function postgresProcessesOf(clusterDirectory: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const commandLine = processCommandLine(pid);
      const flag = commandLine?.indexOf('-D') ?? -1;
      return flag >= 0 && commandLine?.[flag + 1] === clusterDirectory;
    });
}

/** Stops whatever PostgreSQL a failed test left on its cluster, so no test leaves one behind. */
async function stopPostgresOf(clusterDirectory: string): Promise<void> {
  for (const pid of postgresProcessesOf(clusterDirectory)) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
  await expect.poll(() => postgresProcessesOf(clusterDirectory), { timeout: 20_000 }).toEqual([]);
}

interface OwnerRecord {
  pid: number;
  started?: string;
}

function readOwner(dataDirectory: string): OwnerRecord {
  return JSON.parse(readFileSync(path.join(dataDirectory, 'postgres.owner'), 'utf8')) as OwnerRecord;
}

/**
 * A production build of this test file's own (`GRIMOIRE_NEXT_DIST_DIR`), made by the first
 * `npm start` and reused by the next: the shared `.next` is never rebuilt under a running e2e suite.
 */
function ownProductionBuild(): Record<string, string> {
  const distDir = `.next-tests/npm-start-${process.pid}`;
  const tsconfig = `tsconfig.test-npm-start-${process.pid}.json`;
  // In the hooks, not now: a run that filters these tests out runs neither.
  beforeAll(() => copyFileSync(path.join(projectRoot, 'tsconfig.json'), path.join(projectRoot, tsconfig)));
  afterAll(() => {
    rmSync(path.join(projectRoot, distDir), { recursive: true, force: true });
    rmSync(path.join(projectRoot, tsconfig), { force: true });
  });
  return { GRIMOIRE_NEXT_DIST_DIR: distDir, GRIMOIRE_NEXT_TSCONFIG: tsconfig };
}

interface NpmStarted extends Started {
  /** The process group: npm, and the server it started. */
  group: number;
  baseUrl: string;
}

/** `npm start` as a supervisor runs it: in a process group of its own, production settings, the dev sign-in on loopback. */
function startNpmStart(options: { build: Record<string, string>; port: number; dataDirectory: string }): NpmStarted {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Not a test process's own settings: what an operator's environment would hold.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'NODE_ENV') delete env[key];
  const child = spawn('npm', ['start'], {
    cwd: projectRoot,
    detached: true,
    env: {
      ...env,
      ...options.build,
      DATABASE_URL: '',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      AUTH_URL: baseUrl,
      AUTH_DEV_LOGIN: '1',
      EMAIL_SERVER: '',
      GRIMOIRE_DATA_DIR: options.dataDirectory,
      LOG_LEVEL: 'warn',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = outputUntilExit(child, { signalAsCode: true });
  const group = child.pid!;
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(group, 'SIGTERM');
      const stopped = await Promise.race([exit.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000))]);
      if (!stopped) signalGroup(group, 'SIGKILL');
    }
    await stopPostgresOf(path.join(options.dataDirectory, 'postgres'));
  });
  return { child, exit, group, baseUrl };
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  signalIfRunning(-group, signal);
}

/** `process.kill`, for a process (or, negated, a group) that may have exited already. */
function signalIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone: what the test checks next says whether that was right.
  }
}

/** The server's pid: the owner its embedded database recorded. */
function serverPid(dataDirectory: string): number {
  return readOwner(dataDirectory).pid;
}

/** A minimal live-sync client over a raw socket, authenticated by the session cookie. */
async function openLiveDocument(baseUrl: string, conversationId: string, cookie: string): Promise<{ doc: Y.Doc; closed: Promise<number> }> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/yjs/${conversationId}`, { headers: { cookie, origin: baseUrl } });
  const doc = new Y.Doc();
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const synced = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== messageType.sync) return;
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === syncType.step1) {
        socket.send(encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(doc, payload)));
      } else {
        Y.applyUpdate(doc, payload, 'server');
        if (subtype === syncType.step2) resolve();
      }
    });
  });
  socket.once('open', () => socket.send(encodeSyncStep1(doc)));
  await synced;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') socket.send(encodeUpdateMessage(update));
  });
  return { doc, closed };
}

function firstText(node: Y.XmlFragment | Y.XmlElement): Y.XmlText | undefined {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) return child;
    if (child instanceof Y.XmlElement) {
      const found = firstText(child);
      if (found) return found;
    }
  }
  return undefined;
}

async function postJson(baseUrl: string, route: string, cookie: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${baseUrl}${route}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** What is stored of a conversation, read with the server stopped, from its embedded database. */
async function storedConversation(dataDirectory: string, conversationId: string): Promise<{ rawText: string; logRows: number }> {
  const database = await EmbeddedPostgres.start(dataDirectory);
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const conversation = await client.query<{ raw_text: string }>('select raw_text from conversations where id = $1', [conversationId]);
    const log = await client.query<{ count: number }>('select count(*)::int as count from conversation_updates where conversation_id = $1', [conversationId]);
    return { rawText: conversation.rows[0]?.raw_text ?? '', logRows: log.rows[0]?.count ?? -1 };
  } finally {
    await client.end().catch(() => undefined);
    await database.stop();
  }
}

/** The embedded PostgreSQL runs as `postgres` when we are root; a pid it may not signal it takes for a stale one. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

describe('npm start under a supervisor', () => {
  const build = ownProductionBuild();
  // The first start builds the pages (about a minute on two cores) and the server.
  const firstStart = 300_000;

  test(
    'kill -TERM to its process group stores every open room, stops PostgreSQL and exits 0',
    { timeout: firstStart + 60_000 },
    async () => {
      const dataDirectory = temporaryDirectory();
      const port = await freePort();
      const server = startNpmStart({ build, port, dataDirectory });
      await waitForHealth(port, server.exit);
      const nodePid = serverPid(dataDirectory);
      // No TypeScript loader in the production process: plain Node running the built server.
      expect(processCommandLine(nodePid)?.join(' ')).toMatch(/node .*dist\/server\.mjs$/);
      expect(processCommandLine(nodePid)?.join(' ')).not.toMatch(/tsx/);

      const cookie = await signIn(server.baseUrl, `shutdown-${Date.now()}@example.test`, 'Shutdown Tester');
      const classroom = await postJson(server.baseUrl, '/api/classes', cookie, { name: 'Shutdown' });
      const conversation = await postJson(server.baseUrl, `/api/classes/${classroom.id}/conversations`, cookie, {
        title: 'Open at shutdown',
        text: 'User: What is a closure?\n\nAssistant: A function with the variables it closes over.',
      });
      const writer = await openLiveDocument(server.baseUrl, conversation.id, cookie);
      const watcher = await openLiveDocument(server.baseUrl, conversation.id, cookie);
      const marker = `unsaved-${Date.now().toString(36)}`;
      const text = firstText(writer.doc.getXmlFragment(documentLayout.content));
      if (!text) throw new Error('the imported conversation has no text');
      text.insert(0, `${marker} `);
      // The server has the edit once it relays it; it is stored only when the room is.
      await expect.poll(() => watcher.doc.getXmlFragment(documentLayout.content).toString().includes(marker)).toBe(true);

      signalGroup(server.group, 'SIGTERM');
      // The server has taken the signal once it closes live connections, its first step.
      await watcher.closed;
      // npm (or a loader) relaying the same signal a moment later: still the one request.
      // (Were npm's own relay taken for a second signal, the server would be gone by now.)
      signalIfRunning(nodePid, 'SIGTERM');
      const { code, stdout } = await server.exit;
      expect(stdout).not.toMatch(/second signal/);
      expect(code).toBe(0);
      expect(isProcessAlive(nodePid)).toBe(false);
      expect(postgresProcessesOf(path.join(dataDirectory, 'postgres'))).toEqual([]);
      expect(existsSync(path.join(dataDirectory, 'postgres.owner'))).toBe(false);

      const stored = await storedConversation(dataDirectory, conversation.id);
      expect(stored.rawText).toContain(marker);
      // Stored means compacted into the document, not only in the update log.
      expect(stored.logRows).toBe(0);
    },
  );

  test(
    'a restart right after SIGKILL comes up, whatever the dead processes left in their pid files',
    { timeout: firstStart + 120_000 },
    async () => {
      const dataDirectory = temporaryDirectory();
      const cluster = path.join(dataDirectory, 'postgres');
      const port = await freePort();
      const first = startNpmStart({ build, port, dataDirectory });
      await waitForHealth(port, first.exit);
      const leftoverPostgres = Number(readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
      signalGroup(first.group, 'SIGKILL');
      await first.exit;
      // PostgreSQL runs in a group of its own: the crash left it running.
      expect(isProcessAlive(leftoverPostgres)).toBe(true);
      // The dead server's pid, not yet reaped, as a supervisor slow to wait leaves it.
      const zombie = await startZombie();
      cleanups.push(() => zombie.stop());
      writeFileSync(path.join(dataDirectory, 'postgres.owner'), JSON.stringify({ pid: zombie.pid, started: processStartIdentity(zombie.pid) }));

      const second = startNpmStart({ build, port, dataDirectory });
      await waitForHealth(port, second.exit);
      expect(isProcessAlive(leftoverPostgres)).toBe(false);

      // Now both die (the machine lost power, say) and their pids go to another program.
      const secondOwner = readOwner(dataDirectory);
      const secondPostgres = Number(readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
      signalGroup(second.group, 'SIGKILL');
      await second.exit;
      process.kill(secondPostgres, 'SIGKILL');
      await expect.poll(() => postgresProcessesOf(cluster), { timeout: 20_000 }).toEqual([]);
      const recycled = await startUnrelatedProcess({ user: postgresUser() });
      cleanups.push(() => recycled.stop());
      writeFileSync(path.join(dataDirectory, 'postgres.owner'), JSON.stringify({ pid: recycled.pid, started: secondOwner.started }));
      const postmasterPid = readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n');
      writeFileSync(path.join(cluster, 'postmaster.pid'), [String(recycled.pid), ...postmasterPid.slice(1)].join('\n'));

      const third = startNpmStart({ build, port, dataDirectory });
      await waitForHealth(port, third.exit);
      expect(isProcessAlive(recycled.pid)).toBe(true);
      signalGroup(third.group, 'SIGTERM');
      expect((await third.exit).code).toBe(0);
      expect(postgresProcessesOf(cluster)).toEqual([]);
    },
  );
});
