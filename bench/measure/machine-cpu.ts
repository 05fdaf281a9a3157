import { readFileSync } from 'node:fs';

const ticksPerSecond = 100; // Linux USER_HZ

/**
 * CPU seconds the whole machine has spent busy (every process, every core: user, nice,
 * system, irq, softirq and steal from /proc/stat; idle and iowait left out), so that a
 * window can say whether the machine itself was the limit. Undefined without /proc.
 */
export function machineBusySeconds(): number | undefined {
  try {
    return parseProcStatBusy(readFileSync('/proc/stat', 'utf8')) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** Busy ticks of the `cpu` line (all cores) of /proc/stat. */
export function parseProcStatBusy(text: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith('cpu '));
  if (!line) throw new Error('/proc/stat has no cpu line');
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return [user, nice, system, irq, softirq, steal].reduce<number>((sum, value) => sum + (value ?? 0), 0);
}
