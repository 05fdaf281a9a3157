import type { SyncLimits } from '@/lib/limits';
import type { PersonBuckets } from './person-rates';
import { TokenBucket } from './token-bucket';
import type { TurnBudget } from './turn-budget';

export type MessageRates = Pick<SyncLimits, 'messagesPerConnection' | 'bytesPerConnection' | 'serverTimePerConnection' | 'maxQueuedMessagesPerConnection'>;

/** What a throttle does to its connection. */
export interface ThrottledSocket {
  /** Hands one message on to the message loop. */
  deliver(data: Buffer, isBinary: boolean): void;
  /** Stops reading the socket (TCP backpressure reaches the sender) / reads it again. */
  pause(): void;
  resume(): void;
  /** The connection sent far more than its rate allows: close it. */
  overflow(): void;
}

/**
 * One connection's incoming messages, metered by token buckets: messages, bytes, and the
 * server's time (milliseconds) its messages took, charged after each (`charge`), so a few
 * costly messages count for what they cost. Within the rates a message is handed on at once. Past it, the socket is paused: the
 * messages already read wait here, in order, and are handed on as the buckets refill; then
 * the socket is read again. A sender that keeps writing meanwhile only fills its own TCP
 * buffers. More waiting messages than `maxQueuedMessagesPerConnection` (a flood, already
 * read in one go) is an overflow. With `person` (the buckets of all the sender's
 * connections, `PersonRates`), a message also waits for those, and its time is charged to both.
 * With `turn`, messages past the process's sync work for this event-loop turn wait for a
 * later turn (`TurnBudget`).
 */
export class MessageThrottle {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly time: TokenBucket;
  private readonly waiting: Array<{ data: Buffer; isBinary: boolean }> = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly rates: MessageRates,
    private readonly socket: ThrottledSocket,
    /** Called each time the connection goes past its rate (for the metrics). */
    private readonly onThrottled: () => void = () => undefined,
    private readonly person?: PersonBuckets,
    /** The process's sync work in this event-loop turn: past it, messages wait for a later turn (not counted as throttled). */
    private readonly turn?: TurnBudget,
  ) {
    this.messages = new TokenBucket(rates.messagesPerConnection);
    this.bytes = new TokenBucket(rates.bytesPerConnection);
    this.time = new TokenBucket(rates.serverTimePerConnection);
  }

  receive(data: Buffer, isBinary: boolean): void {
    if (this.stopped) return;
    if (this.waiting.length === 0 && this.tryTake(data)) {
      this.socket.deliver(data, isBinary);
      return;
    }
    this.waiting.push({ data, isBinary });
    if (this.waiting.length > this.rates.maxQueuedMessagesPerConnection) {
      this.stop();
      this.socket.overflow();
      return;
    }
    if (this.waiting.length === 1) {
      this.socket.pause();
      if (!this.turn?.exhausted) this.onThrottled();
      this.schedule();
    }
  }

  /** The server spent `milliseconds` on a message of this connection; past the budget, it waits. */
  charge(milliseconds: number): void {
    this.time.charge(milliseconds);
    this.person?.time.charge(milliseconds);
    this.turn?.charge(milliseconds);
  }

  /** The connection is gone: drop what waits. */
  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tryTake(data: Buffer): boolean {
    if (this.turn?.exhausted) return false;
    const now = performance.now();
    if (!this.time.has(0, now) || !this.messages.has(1, now) || !this.bytes.has(data.byteLength, now)) return false;
    const person = this.person;
    if (person && (!person.time.has(0, now) || !person.messages.has(1, now) || !person.bytes.has(data.byteLength, now))) return false;
    this.messages.take(1, now);
    this.bytes.take(data.byteLength, now);
    person?.messages.take(1, now);
    person?.bytes.take(data.byteLength, now);
    return true;
  }

  private schedule(): void {
    const next = this.waiting[0]!;
    const own: PersonBuckets = { messages: this.messages, bytes: this.bytes, time: this.time };
    const buckets = this.person ? [own, this.person] : [own];
    const wait = Math.max(...buckets.map((b) => Math.max(b.messages.msUntil(1), b.bytes.msUntil(next.data.byteLength), b.time.msUntil(0))));
    this.timer = setTimeout(() => this.drain(), Math.max(1, Math.ceil(wait)));
  }

  private drain(): void {
    this.timer = undefined;
    while (!this.stopped && this.waiting.length > 0 && this.tryTake(this.waiting[0]!.data)) {
      const next = this.waiting.shift()!;
      this.socket.deliver(next.data, next.isBinary);
    }
    if (this.stopped) return;
    if (this.waiting.length > 0) this.schedule();
    else this.socket.resume();
  }
}
