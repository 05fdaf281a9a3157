import { readFileSync } from 'node:fs';

/**
 * Whether a process with this pid runs (one we may not signal counts: it runs). A zombie,
 * dead but not yet reaped by its parent, does not: on Linux `kill(pid, 0)` still succeeds
 * for it, so its state is read from `/proc/<pid>/stat` (`Z`, or `X` while it is reaped).
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const state = readStat(pid)?.state;
  return state !== 'Z' && state !== 'X';
}

/**
 * What tells this process apart from a later one given the same pid: the boot it runs in and
 * its start time in clock ticks since that boot (`/proc/<pid>/stat`, field 22). Undefined
 * without `/proc` (macOS) or once the process is gone.
 */
export function processStartIdentity(pid: number): string | undefined {
  const startTime = readStat(pid)?.startTime;
  if (startTime === undefined) return undefined;
  return `${bootId() ?? 'boot'}:${startTime}`;
}

/** The process's command line, one entry per argument; undefined without `/proc` or once it is gone. */
export function processCommandLine(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((argument) => argument.length > 0);
  } catch {
    return undefined;
  }
}

function readStat(pid: number): { state: string; startTime: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // `pid (comm) state ...`: the command name may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  // Field 22 of the whole line; fields[0] here is field 3.
  const startTime = fields[19];
  if (!state || !startTime) return undefined;
  return { state, startTime };
}

let cachedBootId: string | null | undefined;

function bootId(): string | undefined {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId ?? undefined;
}
