import { TokenBucket } from './token-bucket';

/**
 * One connection's presence rate (`presenceUpdatesPerConnection`). Within it, an awareness
 * update is applied at once. Past it, only the latest waits and is applied as soon as the
 * rate allows: presence is a state, not a log, so the ones in between are not needed, the
 * last one always arrives, and a flood costs a replacement each.
 */
export class PresenceThrottle {
  private readonly bucket: TokenBucket;
  private latest: Uint8Array | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    rate: { burst: number; refillPerSecond: number },
    /** Applies an update that waited. */
    private readonly applyLater: (update: Uint8Array) => void,
  ) {
    this.bucket = new TokenBucket(rate);
  }

  /** True when `update` may be applied now; otherwise it is kept (replacing any waiting one) for later. */
  admit(update: Uint8Array): boolean {
    if (this.latest === undefined && this.bucket.tryTake()) return true;
    this.latest = update;
    this.timer ??= setTimeout(() => this.applyWaiting(), Math.max(1, Math.ceil(this.bucket.msUntil(1))));
    return false;
  }

  /** For a question about everyone's presence (`query-awareness`): true if it may be answered now; no waiting. */
  admitQuery(): boolean {
    return this.bucket.tryTake();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.latest = undefined;
  }

  private applyWaiting(): void {
    this.timer = undefined;
    const update = this.latest;
    this.latest = undefined;
    if (update === undefined) return;
    this.bucket.take(1);
    this.applyLater(update);
  }
}
