import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { EmbeddedPostgres, EmbeddedPostgresError } from './embedded-postgres';
import { isProcessAlive } from './process-alive';

const directories: string[] = [];
const started: EmbeddedPostgres[] = [];

function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'grimoire-embedded-test-'));
  directories.push(directory);
  return directory;
}

async function start(directory: string): Promise<EmbeddedPostgres> {
  const server = await EmbeddedPostgres.start(directory);
  started.push(server);
  return server;
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}


afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('EmbeddedPostgres', () => {
  test('keeps its data across a stop and a new start in the same directory', { timeout: 60_000 }, async () => {
    const directory = temporaryDirectory();
    const first = await start(directory);
    await query(first.url, "create table kept (value text); insert into kept values ('still here')");
    await first.stop();
    started.pop();

    const second = await start(directory);
    const result = await query(second.url, 'select value from kept');
    expect(result.rows).toEqual([{ value: 'still here' }]);
  });

  test('listens on loopback only, with a password', { timeout: 60_000 }, async () => {
    const server = await start(temporaryDirectory());
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.password.length).toBeGreaterThan(10);
    const withoutPassword = new pg.Client({ host: '127.0.0.1', port: server.port, user: url.username, password: 'wrong', database: 'grimoire' });
    await expect(withoutPassword.connect()).rejects.toThrow(/password authentication failed/);
  });

  test('refuses a second owner of a running cluster with a message that says what to do', { timeout: 60_000 }, async () => {
    const directory = temporaryDirectory();
    await start(directory);
    // Another process's lock: a live pid that is not ours (our parent's).
    writeFileSync(path.join(directory, 'postgres.owner'), String(process.ppid));
    await expect(EmbeddedPostgres.start(directory)).rejects.toThrow(/in use by another process .*stop it first/);
  });

  test('stops a server left running by a killed process and takes over its cluster', { timeout: 90_000 }, async () => {
    const directory = temporaryDirectory();
    const modulePath = path.join(import.meta.dirname, 'embedded-postgres.ts');
    const script = `const { EmbeddedPostgres } = await import(${JSON.stringify(modulePath)});
const server = await EmbeddedPostgres.start(${JSON.stringify(directory)});
console.log('READY ' + server.pid);
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const leftoverPid = await new Promise<number>((resolve, reject) => {
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const match = /READY (\d+)/.exec(chunk);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isProcessAlive(leftoverPid)).toBe(true);

    const server = await start(directory);
    expect(isProcessAlive(leftoverPid)).toBe(false);
    const result = await query(server.url, 'select 1 as one');
    expect(result.rows).toEqual([{ one: 1 }]);
  });

  test('explains in one line when the data directory cannot be written', async () => {
    const directory = temporaryDirectory();
    const aFile = path.join(directory, 'not-a-directory');
    writeFileSync(aFile, '');
    const failure = EmbeddedPostgres.start(path.join(aFile, 'data'));
    await expect(failure).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(failure).rejects.toThrow(/^Cannot write the data directory .*not-a-directory\/data \(ENOTDIR\): make it writable/);
  });
});
