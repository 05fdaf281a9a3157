import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { isProcessAlive } from '../lib/db/process-alive';

const projectRoot = path.resolve(import.meta.dirname, '..');
const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
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
  exit: Promise<{ code: number | null; stderr: string; stdout: string }>;
}

/** Runs the development server entry point (no production build needed) with the given environment. */
function startServer(env: Record<string, string>): Started {
  const distDir = `.next-tests/startup-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // Next.js adds its build directory to the tsconfig it is given: give it a copy, beside ours
  // (the include paths are relative), so ours is never rewritten.
  const tsconfig = `tsconfig.test-${path.basename(distDir)}.json`;
  copyFileSync(path.join(projectRoot, 'tsconfig.json'), path.join(projectRoot, tsconfig));
  cleanups.push(() => rmSync(path.join(projectRoot, distDir), { recursive: true, force: true }));
  cleanups.push(() => rmSync(path.join(projectRoot, tsconfig), { force: true }));
  const child = spawn(tsx, ['server/dev.ts'], {
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
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr, stdout })),
  );
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

  test('a DATABASE_URL of another kind gives one line and exit 1', { timeout: 60_000 }, async () => {
    const { exit } = startServer({ DATABASE_URL: 'mysql://root@localhost/grimoire' });
    const { code, stderr } = await exit;
    expect(code).toBe(1);
    expectOneLineError(stderr, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
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
});
