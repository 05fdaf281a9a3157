import type { SyncLimits } from '@/lib/limits';
import { TokenBucket } from './token-bucket';

export type PersonRateLimits = Pick<SyncLimits, 'messagesPerPerson' | 'bytesPerPerson' | 'serverTimePerPerson'>;

/** One person's message, byte and server-time buckets, shared by all their connections. */
export interface PersonBuckets {
  readonly messages: TokenBucket;
  readonly bytes: TokenBucket;
  readonly time: TokenBucket;
}

/**
 * The rates of each person's connections taken together, in this process: every
 * `MessageThrottle` of a person meters against these besides its own buckets, so one member's
 * total is bounded whatever number of sockets they open. A person's buckets are kept while
 * they have a connection, and after their last one closes until they have refilled (a person
 * in debt does not start afresh by reconnecting).
 */
export class PersonRates {
  private readonly people = new Map<string, { buckets: PersonBuckets; connections: number }>();

  constructor(private readonly limits: PersonRateLimits) {}

  /** The buckets of a person's new connection; give them back with `release` when it closes. */
  acquire(userId: string): PersonBuckets {
    let person = this.people.get(userId);
    if (!person) {
      if (this.people.size > 10_000) this.sweep();
      person = {
        buckets: {
          messages: new TokenBucket(this.limits.messagesPerPerson),
          bytes: new TokenBucket(this.limits.bytesPerPerson),
          time: new TokenBucket(this.limits.serverTimePerPerson),
        },
        connections: 0,
      };
      this.people.set(userId, person);
    }
    person.connections++;
    return person.buckets;
  }

  release(userId: string): void {
    const person = this.people.get(userId);
    if (!person) return;
    person.connections--;
    if (person.connections <= 0 && this.full(person.buckets)) this.people.delete(userId);
  }

  /** For tests: how many people have buckets. */
  get size(): number {
    return this.people.size;
  }

  /** Forgets people without connections whose buckets have refilled. */
  private sweep(): void {
    for (const [userId, person] of this.people) if (person.connections <= 0 && this.full(person.buckets)) this.people.delete(userId);
  }

  private full(buckets: PersonBuckets): boolean {
    const now = performance.now();
    return (
      buckets.messages.has(this.limits.messagesPerPerson.burst, now) &&
      buckets.bytes.has(this.limits.bytesPerPerson.burst, now) &&
      buckets.time.has(this.limits.serverTimePerPerson.burst, now)
    );
  }
}
