import * as Y from 'yjs';
import { LatencyHistogram } from './latency-histogram';

/**
 * Every edit sent during a measurement, keyed by its Yjs id: each edit is one character
 * typed by one client, so a writer's n-th edit after it started is clock `base + n` of its
 * client id. Receivers read an update's clock ranges (`Y.parseUpdateMeta`, no decoding of
 * content) and look the send times up here; the generator is one process, so sender and
 * receivers share one clock (`performance.now()`).
 */
export class EditLedger {
  private readonly writers = new Map<number, WriterEdits>();
  /** Send-to-arrival at each other client. */
  readonly propagation = new LatencyHistogram();
  /** Send-to-first-sight in PostgreSQL. */
  readonly durability = new LatencyHistogram();
  sent = 0;
  /** Edits that reached every client expected to receive them. */
  fullyDelivered = 0;
  deliveries = 0;
  /** When recording is off (warm-up), arrivals are ignored. */
  recording = true;
  private lastFullDeliveryAt = 0;

  /** Registers a writer whose next edit has clock `baseClock`, expected at `receivers` other clients. */
  addWriter(clientId: number, baseClock: number, receivers: number): void {
    this.writers.set(clientId, new WriterEdits(baseClock, receivers));
  }

  /** A writer sent its next edit now; it is expected at `receivers` other clients (default: as registered). */
  recordSend(clientId: number, now: number, receivers?: number): void {
    const writer = this.writers.get(clientId);
    if (!writer) return;
    writer.push(now, receivers ?? writer.receivers);
    this.sent++;
  }

  /** A client received an update (not its own) at `now`. */
  recordArrival(update: Uint8Array, receiverClientId: number, now: number): void {
    if (!this.recording) return;
    const meta = Y.parseUpdateMeta(update);
    for (const [clientId, from] of meta.from) {
      if (clientId === receiverClientId) continue;
      const writer = this.writers.get(clientId);
      if (!writer) continue;
      const to = meta.to.get(clientId) ?? from;
      for (let clock = Math.max(from, writer.base); clock < to; clock++) {
        const index = clock - writer.base;
        if (index >= writer.count) break;
        this.propagation.record(now - writer.sentAt[index]!);
        this.deliveries++;
        if (++writer.arrivals[index]! === writer.expected[index]) {
          this.fullyDelivered++;
          this.lastFullDeliveryAt = now;
        }
      }
    }
  }

  /** The stored document now holds every edit of `clientId` below `clock` (a state vector entry). */
  recordDurableUpTo(clientId: number, clock: number, now: number): void {
    const writer = this.writers.get(clientId);
    if (!writer) return;
    const end = Math.min(writer.count, clock - writer.base);
    for (let index = writer.durableCount; index < end; index++) this.durability.record(now - writer.sentAt[index]!);
    if (end > writer.durableCount) writer.durableCount = end;
  }

  /** Edits seen in a stored log row: clocks `[from, to)` of `clientId`. */
  recordDurableRange(clientId: number, from: number, to: number, now: number): void {
    const writer = this.writers.get(clientId);
    if (!writer) return;
    // Log rows of one writer arrive in order; anything below is already counted.
    if (from - writer.base <= writer.durableCount) this.recordDurableUpTo(clientId, to, now);
    else writer.pendingRanges.push([from, to]);
    // Drain ranges that have become contiguous.
    writer.pendingRanges.sort((a, b) => a[0] - b[0]);
    while (writer.pendingRanges.length > 0 && writer.pendingRanges[0]![0] - writer.base <= writer.durableCount) {
      const [, end] = writer.pendingRanges.shift()!;
      this.recordDurableUpTo(clientId, end, now);
    }
  }

  /** Edits not yet seen in the database. */
  get notDurable(): number {
    let missing = 0;
    for (const writer of this.writers.values()) missing += writer.count - writer.durableCount;
    return missing;
  }

  /** Edits that did not reach every expected receiver. */
  get undelivered(): number {
    return this.sent - this.fullyDelivered;
  }

  get lastDeliveryAt(): number {
    return this.lastFullDeliveryAt;
  }

  /** The state every writer has sent so far: client id → clock past its last edit. */
  expectedClocks(): Map<number, number> {
    const clocks = new Map<number, number>();
    for (const [clientId, writer] of this.writers) clocks.set(clientId, writer.base + writer.count);
    return clocks;
  }
}

class WriterEdits {
  sentAt = new Float64Array(256);
  arrivals = new Uint16Array(256);
  expected = new Uint16Array(256);
  count = 0;
  durableCount = 0;
  pendingRanges: Array<[number, number]> = [];

  constructor(
    readonly base: number,
    readonly receivers: number,
  ) {}

  push(now: number, receivers: number): void {
    if (this.count === this.sentAt.length) {
      this.sentAt = grow(this.sentAt, new Float64Array(this.sentAt.length * 2));
      this.arrivals = grow(this.arrivals, new Uint16Array(this.arrivals.length * 2));
      this.expected = grow(this.expected, new Uint16Array(this.expected.length * 2));
    }
    this.expected[this.count] = receivers;
    this.sentAt[this.count++] = now;
  }
}

function grow<T extends Float64Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
