import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MessageThrottle, type ThrottledSocket } from './message-throttle';

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
});
