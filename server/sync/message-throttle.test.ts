import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MessageThrottle, type ThrottledSocket } from './message-throttle';
import { PersonRates } from './person-rates';
import { TurnBudget } from './turn-budget';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function socket() {
  const events: string[] = [];
  const delivered: string[] = [];
  const io: ThrottledSocket = {
    deliver: (data) => delivered.push(data.toString()),
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
    overflow: () => events.push('overflow'),
  };
  return { io, events, delivered };
}

const rates = {
  messagesPerConnection: { burst: 3, refillPerSecond: 10 },
  bytesPerConnection: { burst: 1_000, refillPerSecond: 1_000 },
  serverTimePerConnection: { burst: 100, refillPerSecond: 100 },
  maxQueuedMessagesPerConnection: 5,
};

describe('MessageThrottle', () => {
  test('within the burst, messages go through at once; past it the socket pauses and the rest follow in order at the rate', () => {
    const { io, events, delivered } = socket();
    const throttle = new MessageThrottle(rates, io);
    for (const word of ['a', 'b', 'c', 'd', 'e']) throttle.receive(Buffer.from(word), true);
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['pause']);
    vi.advanceTimersByTime(100);
    expect(delivered).toEqual(['a', 'b', 'c', 'd']);
    vi.advanceTimersByTime(100);
    expect(delivered).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(events).toEqual(['pause', 'resume']);
  });

  test('bytes are metered too: a large message waits for its bytes', () => {
    const { io, delivered } = socket();
    const throttle = new MessageThrottle(rates, io);
    throttle.receive(Buffer.alloc(900, 'x'), true);
    throttle.receive(Buffer.alloc(500, 'y'), true);
    expect(delivered.map((text) => text[0])).toEqual(['x']);
    vi.advanceTimersByTime(399);
    expect(delivered).toHaveLength(1);
    vi.advanceTimersByTime(2);
    expect(delivered.map((text) => text[0])).toEqual(['x', 'y']);
  });

  test('a message that took the server long puts the connection in debt: the next wait until it is repaid', () => {
    const { io, events, delivered } = socket();
    const throttle = new MessageThrottle(rates, io);
    throttle.receive(Buffer.from('costly'), true);
    throttle.charge(300);
    throttle.receive(Buffer.from('next'), true);
    expect(delivered).toEqual(['costly']);
    expect(events).toEqual(['pause']);
    vi.advanceTimersByTime(1_999);
    expect(delivered).toEqual(['costly']);
    vi.advanceTimersByTime(2);
    expect(delivered).toEqual(['costly', 'next']);
  });

  test('more messages waiting than allowed is an overflow; nothing more is delivered', () => {
    const { io, events, delivered } = socket();
    const throttle = new MessageThrottle(rates, io);
    for (let i = 0; i < 20; i++) throttle.receive(Buffer.from(String(i)), true);
    expect(events).toEqual(['pause', 'overflow']);
    vi.advanceTimersByTime(10_000);
    expect(delivered).toEqual(['0', '1', '2']);
  });

  test('a person’s connections share the person’s buckets: messages, bytes and server time, whatever number of sockets', () => {
    const people = new PersonRates({
      messagesPerPerson: { burst: 4, refillPerSecond: 10 },
      bytesPerPerson: { burst: 1_000, refillPerSecond: 1_000 },
      serverTimePerPerson: { burst: 100, refillPerSecond: 100 },
    });
    const tabs = Array.from({ length: 3 }, () => socket());
    const throttles = tabs.map((tab) => new MessageThrottle(rates, tab.io, undefined, people.acquire('student')));
    for (const throttle of throttles) for (const word of ['a', 'b']) throttle.receive(Buffer.from(word), true);
    // Each connection alone may send 3 at once; the person 4 in all.
    expect(tabs.flatMap((tab) => tab.delivered)).toHaveLength(4);
    expect(tabs[2]!.events).toEqual(['pause']);
    // Someone else is not touched by it.
    const other = socket();
    new MessageThrottle(rates, other.io, undefined, people.acquire('classmate')).receive(Buffer.from('hi'), true);
    expect(other.delivered).toEqual(['hi']);
    vi.advanceTimersByTime(200);
    expect(tabs.flatMap((tab) => tab.delivered)).toHaveLength(6);

    // Server time spent on one tab's message makes all of the person's tabs wait.
    vi.advanceTimersByTime(1_000);
    throttles[0]!.receive(Buffer.from('costly'), true);
    throttles[0]!.charge(300);
    throttles[1]!.receive(Buffer.from('other tab'), true);
    expect(tabs[1]!.delivered).not.toContain('other tab');
    vi.advanceTimersByTime(2_001);
    expect(tabs[1]!.delivered).toContain('other tab');

    // Bytes: 600 from one tab and 600 from another are past the person's 1,000.
    vi.advanceTimersByTime(1_000);
    throttles[0]!.receive(Buffer.alloc(600), true);
    throttles[1]!.receive(Buffer.alloc(600), true);
    expect(tabs[1]!.events.at(-1)).toBe('pause');
  });

  test('a person’s buckets outlive their last connection until refilled: reconnecting does not start afresh', () => {
    const people = new PersonRates({
      messagesPerPerson: { burst: 2, refillPerSecond: 1 },
      bytesPerPerson: { burst: 1_000, refillPerSecond: 1_000 },
      serverTimePerPerson: { burst: 100, refillPerSecond: 100 },
    });
    const first = people.acquire('student');
    first.messages.take(2);
    people.release('student');
    expect(people.acquire('student')).toBe(first);
    people.release('student');
    vi.advanceTimersByTime(2_000);
    expect(people.size).toBe(1);
    const again = people.acquire('student');
    people.release('student');
    expect(people.size).toBe(0);
    expect(again).toBe(first);
  });
  test('past the sync work of one event-loop turn, messages wait for a later turn, in order, without counting as throttled', async () => {
    const delivered: string[] = [];
    let throttled = 0;
    const turn = new TurnBudget(50);
    const roomy = { ...rates, messagesPerConnection: { burst: 100, refillPerSecond: 100 }, serverTimePerConnection: { burst: 10_000, refillPerSecond: 1_000 } };
    const events: string[] = [];
    const throttle: MessageThrottle = new MessageThrottle(
      roomy,
      {
        // Each message costs the server 30 ms.
        deliver: (data) => {
          delivered.push(data.toString());
          throttle.charge(30);
        },
        pause: () => events.push('pause'),
        resume: () => events.push('resume'),
        overflow: () => events.push('overflow'),
      },
      () => throttled++,
      undefined,
      turn,
    );
    for (const word of ['a', 'b', 'c', 'd', 'e']) throttle.receive(Buffer.from(word), true);
    // Two fit in this turn (60 ms past the 50); the rest wait, the socket paused.
    expect(delivered).toEqual(['a', 'b']);
    expect(events).toEqual(['pause']);
    const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
    for (let turns = 0; turns < 5 && delivered.length < 5; turns++) {
      await nextTurn();
      vi.advanceTimersByTime(1);
    }
    expect(delivered).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(events).toEqual(['pause', 'resume']);
    expect(throttled).toBe(0);
  });
});
