import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Processes that a stale pid file may name after a crash, for the tests of start-up after
 * one: a zombie (dead, not yet reaped) and a live process that is neither a Grimoire server
 * nor PostgreSQL (a recycled pid). Each returns a `stop` for the test's cleanup.
 */
export interface StaleProcess {
  pid: number;
  stop(): void;
}

/**
 * A shell starts a short child and then becomes `sleep`, which never waits for it: once the
 * child has exited (after the shell is `sleep`, which a shell would otherwise reap first) it
 * stays a zombie while `sleep` runs. Resolves when the kernel shows it as one.
 */
export async function startZombie(): Promise<StaleProcess> {
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 600'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
  while (processState(pid) !== 'Z') await new Promise((resolve) => setTimeout(resolve, 10));
  return { pid, stop: () => stopChild(parent) };
}

/** A live process of another program (`sleep`), run as `user` when given (and we are root). */
export async function startUnrelatedProcess(options: { user?: { uid: number; gid: number } } = {}): Promise<StaleProcess> {
  const child = spawn('sleep', ['600'], { stdio: 'ignore', ...options.user });
  await new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  return { pid: child.pid!, stop: () => stopChild(child) };
}

/** The state letter of `/proc/<pid>/stat` (`R`, `S`, `Z`...), or undefined once it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
