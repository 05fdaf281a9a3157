import { readdirSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100; // Linux USER_HZ

interface ProcStat {
  ppid: number;
  /** utime + stime, in ticks. */
  own: number;
  /** cutime + cstime: children it has reaped. */
  reaped: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      own: Number(fields[11]) + Number(fields[12]),
      reaped: Number(fields[13]) + Number(fields[14]),
    };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used by a PostgreSQL server started by this run: the postmaster, its live
 * backends, and the backends it has already reaped (so connections that closed during the
 * window still count). Minus the CPU of backends the bench itself uses for measuring
 * (`excludePids`, e.g. its durability poller). Undefined without /proc or a known postmaster.
 */
export function postgresCpuSeconds(postmasterPid: number | undefined, excludePids: number[] = []): number | undefined {
  if (!postmasterPid) return undefined;
  const postmaster = readStat(postmasterPid);
  if (!postmaster) return undefined;
  let ticks = postmaster.own + postmaster.reaped;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmasterPid) continue;
    const stat = readStat(pid);
    if (stat?.ppid === postmasterPid && !excludePids.includes(pid)) ticks += stat.own;
  }
  return ticks / ticksPerSecond;
}

/** CPU seconds of one process (for the bench's own measuring backends). */
export function processCpuSeconds(pid: number): number {
  const stat = readStat(pid);
  return stat ? stat.own / ticksPerSecond : 0;
}
