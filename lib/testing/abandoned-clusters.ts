import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from '@/lib/db/process-alive';

/** What the global setup names its temporary cluster directories. */
export const TEST_CLUSTER_PREFIX = 'grimoire-test-';

/** A directory without an owner that is younger than this may be a run that is starting. */
const STARTING_GRACE_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Stops and removes the test clusters of earlier runs that were killed before their
 * teardown (SIGKILL, a CI timeout): their PostgreSQL would otherwise keep running, and on
 * a tmpfs keep holding memory. A cluster whose owning process is alive is left alone.
 */
export async function removeAbandonedClusters(parentDirectory: string): Promise<void> {
  const names = await fs.readdir(parentDirectory).catch(() => []);
  for (const name of names.filter((entry) => entry.startsWith(TEST_CLUSTER_PREFIX))) {
    const directory = path.join(parentDirectory, name);
    if (!(await isAbandoned(directory))) continue;
    const postmaster = readPid(path.join(directory, 'postgres', 'postmaster.pid'));
    if (postmaster && isPostgresServing(postmaster, directory)) await stopProcess(postmaster);
    await fs.rm(directory, { recursive: true, force: true });
  }
}

/** Stops a PostgreSQL at once (immediate shutdown: no checkpoint, which a test cluster does not need). */
export function stopImmediately(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    // Already gone.
  }
}

async function isAbandoned(directory: string): Promise<boolean> {
  const owner = readPid(path.join(directory, 'postgres.owner'));
  if (owner) return !isProcessAlive(owner);
  const stats = await fs.stat(directory).catch(() => undefined);
  return stats !== undefined && Date.now() - stats.mtimeMs > STARTING_GRACE_MS;
}

async function stopProcess(pid: number): Promise<void> {
  stopImmediately(pid);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  // Not our child: there is no exit event to wait for, only the process table to watch.
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a PostgreSQL server of a cluster in `directory` (not a process that reused the pid). */
function isPostgresServing(pid: number, directory: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(path.join(directory, 'postgres'));
  } catch {
    return false;
  }
}

