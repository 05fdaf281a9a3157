import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { scheduleTrashPurge } from './trash-purge-schedule';

const log = pino({ level: 'silent' });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('scheduleTrashPurge', () => {
  test('purges at once and then every interval, never two at once, and stops', async () => {
    let calls = 0;
    let running = 0;
    let overlapped = false;
    const schedule = scheduleTrashPurge(
      async () => {
        calls++;
        running++;
        overlapped ||= running > 1;
        // Longer than the interval: ticks during it must not start another.
        await new Promise((resolve) => setTimeout(resolve, 30));
        running--;
        return 0;
      },
      { intervalMs: 10, log },
    );
    expect(calls).toBe(1);
    await until(() => calls >= 3);
    await schedule.stop();
    expect(running).toBe(0);
    const stoppedAt = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(stoppedAt);
    expect(overlapped).toBe(false);
  });

  test('a failed purge is logged and tried again at the next tick', async () => {
    const lines: string[] = [];
    const recording = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    let calls = 0;
    const schedule = scheduleTrashPurge(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database away');
        return 2;
      },
      { intervalMs: 10, log: recording },
    );
    await until(() => calls >= 2);
    await schedule.stop();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ msg: 'could not purge the trash; will try again' });
  });
});
