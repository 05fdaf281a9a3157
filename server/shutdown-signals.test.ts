import { afterEach, describe, expect, test } from 'vitest';
import { handleShutdownSignals } from './shutdown-signals';

const stops: Array<() => void> = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** Listens with a clock the test moves; returns what each signal was taken for. */
function listen(): { calls: string[]; clock: { now: number } } {
  const calls: string[] = [];
  const clock = { now: 0 };
  stops.push(
    handleShutdownSignals(
      {
        shutdown: (signal) => calls.push(`shutdown ${signal}`),
        relayed: (signal) => calls.push(`relayed ${signal}`),
        force: (signal) => calls.push(`force ${signal}`),
      },
      { windowMs: 1_000, now: () => clock.now },
    ),
  );
  return { calls, clock };
}

describe('shutdown signals', () => {
  test('signals that arrive together (a group signal, relayed by npm and a loader) count as one', () => {
    const { calls, clock } = listen();
    process.emit('SIGTERM', 'SIGTERM');
    clock.now = 5;
    process.emit('SIGTERM', 'SIGTERM');
    clock.now = 12;
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toEqual(['shutdown SIGTERM', 'relayed SIGTERM', 'relayed SIGINT']);
  });

  test('a deliberate second signal, a second or more later, forces', () => {
    const { calls, clock } = listen();
    process.emit('SIGINT', 'SIGINT');
    clock.now = 1_000;
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toEqual(['shutdown SIGINT', 'force SIGINT']);
  });
});
