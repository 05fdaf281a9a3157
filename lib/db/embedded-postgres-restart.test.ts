import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { startUnrelatedProcess, startZombie, type StaleProcess } from '@/lib/testing/stale-processes';
import { EmbeddedPostgres, isPostmasterOf } from './embedded-postgres';
import { isProcessAlive, processStartIdentity } from './process-alive';

/**
 * Start-up after a crash: whatever pid files a dead server or a dead PostgreSQL left behind
 * (naming a zombie, a pid since given to another program), the next start comes up, and
 * still refuses while the owner really runs. And a process that exits without stopping its
 * PostgreSQL (a forced exit, an uncaught error) does not leave it running.
 */
const directories: string[] = [];
const servers: EmbeddedPostgres[] = [];
const staleProcesses: StaleProcess[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  for (const stale of staleProcesses.splice(0)) stale.stop();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-embedded-restart-'));
  directories.push(directory);
  return directory;
}

async function start(directory: string): Promise<EmbeddedPostgres> {
  const server = await EmbeddedPostgres.start(directory);
  servers.push(server);
  return server;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0]?.one === 1;
  } finally {
    await client.end();
  }
}

/** A cluster initialised and cleanly stopped, so each test's start is a restart. */
async function initialisedDirectory(): Promise<string> {
  const directory = temporaryDirectory();
  const first = await EmbeddedPostgres.start(directory);
  await first.stop();
  return directory;
}

/** Who the embedded PostgreSQL runs as: the `postgres` user when we are root, else ourselves. */
function postgresRunsAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function writeOwner(directory: string, owner: string): void {
  writeFileSync(path.join(directory, 'postgres.owner'), owner);
}

describe('EmbeddedPostgres after a crash', () => {
  test('an owner that is a zombie (dead, not yet reaped) does not block the start', { timeout: 60_000 }, async () => {
    const directory = await initialisedDirectory();
    const zombie = await startZombie();
    staleProcesses.push(zombie);
    // Recorded as the server itself records it: even the start time still matches.
    writeOwner(directory, JSON.stringify({ pid: zombie.pid, started: processStartIdentity(zombie.pid) }));
    const server = await start(directory);
    expect(await answers(server.url)).toBe(true);
  });

  test('an owner pid now held by another program does not block the start', { timeout: 60_000 }, async () => {
    const directory = await initialisedDirectory();
    const other = await startUnrelatedProcess();
    staleProcesses.push(other);
    // The dead owner's record, its pid since given to `sleep`: the start time differs.
    writeOwner(directory, JSON.stringify({ pid: other.pid, started: processStartIdentity(process.pid) }));
    await start(directory).then((server) => server.stop());
    servers.pop();
    // A lock file of an older version holds the pid alone: `sleep` is no Grimoire server.
    writeOwner(directory, String(other.pid));
    const server = await start(directory);
    expect(await answers(server.url)).toBe(true);
  });

  test('a live owner, recorded with its start time, still refuses', { timeout: 60_000 }, async () => {
    const directory = await initialisedDirectory();
    writeOwner(directory, JSON.stringify({ pid: process.ppid, started: processStartIdentity(process.ppid) }));
    await expect(EmbeddedPostgres.start(directory)).rejects.toThrow(/in use by another process \(pid \d+\): stop it first/);
  });

  test('a postmaster.pid naming a live process of another program is removed, and PostgreSQL starts', { timeout: 60_000 }, async () => {
    const directory = await initialisedDirectory();
    // PostgreSQL takes a pid it may not signal for a stale one: the process must be its user's.
    const other = await startUnrelatedProcess({ user: postgresRunsAs() });
    staleProcesses.push(other);
    // As a PostgreSQL killed with the machine leaves it, its pid since reused.
    const cluster = path.join(directory, 'postgres');
    writeFileSync(path.join(cluster, 'postmaster.pid'), `${other.pid}\n${cluster}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`);
    const server = await start(directory);
    expect(await answers(server.url)).toBe(true);
    expect(isProcessAlive(other.pid)).toBe(true);
  });

  test('a PostgreSQL whose pid file names it is recognised by its data directory, not by its name', { timeout: 60_000 }, async () => {
    const directory = temporaryDirectory();
    const server = await start(directory);
    const elsewhere = temporaryDirectory();
    expect(isPostmasterOf(server.pid!, path.join(directory, 'postgres'))).toBe(true);
    expect(isPostmasterOf(server.pid!, path.join(elsewhere, 'postgres'))).toBe(false);
  });

  test('a process that exits without stopping it does not leave its PostgreSQL running', { timeout: 60_000 }, async () => {
    const directory = temporaryDirectory();
    const modulePath = path.join(import.meta.dirname, 'embedded-postgres.ts');
    // As a forced exit (a second signal) or an uncaught error ends a server: no stop().
    const script = `const { EmbeddedPostgres } = await import(${JSON.stringify(modulePath)});
const server = await EmbeddedPostgres.start(${JSON.stringify(directory)});
console.log('READY ' + server.pid);
process.exit(1);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    const postgresPid = Number(/READY (\d+)/.exec(output)?.[1]);
    expect(postgresPid).toBeGreaterThan(0);
    // Told to stop as the process exited; a fast shutdown takes PostgreSQL a moment.
    await expect.poll(() => isProcessAlive(postgresPid), { timeout: 15_000 }).toBe(false);
    expect(() => readFileSync(path.join(directory, 'postgres.owner'))).toThrow(/ENOENT/);
  });
});
