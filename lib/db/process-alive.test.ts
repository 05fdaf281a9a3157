import { afterEach, describe, expect, test } from 'vitest';
import { startUnrelatedProcess, startZombie, type StaleProcess } from '@/lib/testing/stale-processes';
import { isProcessAlive, processCommandLine, processStartIdentity } from './process-alive';

const started: StaleProcess[] = [];

afterEach(() => {
  for (const process of started.splice(0)) process.stop();
});

describe('process liveness', () => {
  test('a zombie (exited, not yet reaped) is not alive, though signal 0 still reaches it', async () => {
    const zombie = await startZombie();
    started.push(zombie);
    expect(() => process.kill(zombie.pid, 0)).not.toThrow();
    expect(isProcessAlive(zombie.pid)).toBe(false);
  });

  test('a running process is alive; its start identity is stable and not that of another process', async () => {
    const other = await startUnrelatedProcess();
    started.push(other);
    expect(isProcessAlive(other.pid)).toBe(true);
    expect(processStartIdentity(other.pid)).toMatch(/^.+:\d+$/);
    expect(processStartIdentity(other.pid)).toBe(processStartIdentity(other.pid));
    expect(processStartIdentity(other.pid)).not.toBe(processStartIdentity(process.pid));
    await expect.poll(() => processCommandLine(other.pid)?.[0]).toMatch(/sleep$/);
  });

  test('a pid nobody has is not alive and has no identity', () => {
    // Above the largest pid Linux hands out (2^22).
    expect(isProcessAlive(4_194_305)).toBe(false);
    expect(processStartIdentity(4_194_305)).toBeUndefined();
  });
});
