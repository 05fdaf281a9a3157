import * as decoding from 'lib0/decoding';
import { LatencyHistogram } from './latency-histogram';

/**
 * Presence renewals sent together (a "burst": every observer of a lecture renews at once)
 * and when each client has seen every renewal of the burst but its own. Awareness updates
 * are read only for their client ids and clocks; the states themselves are skipped.
 */
export class PresenceLedger {
  /** Renewal arrival, from the burst's start, at each client. */
  readonly arrival = new LatencyHistogram();
  /** Per burst: from its start until the last client had seen all of it. */
  readonly completion: number[] = [];
  private burst: { startedAt: number; senders: Map<number, number>; pending: Map<number, number> } | undefined;

  /** `senders` (client id → the awareness clock it renews with) renew now; each of `receivers` should see all the others. */
  startBurst(senders: Map<number, number>, receivers: number[], now: number): void {
    this.finishBurst();
    const pending = new Map<number, number>();
    for (const receiver of receivers) pending.set(receiver, senders.size - (senders.has(receiver) ? 1 : 0));
    this.burst = { startedAt: now, senders, pending };
  }

  recordAwareness(update: Uint8Array, receiverClientId: number, now: number): void {
    const burst = this.burst;
    if (!burst) return;
    const decoder = decoding.createDecoder(update);
    const entries = decoding.readVarUint(decoder);
    for (let i = 0; i < entries; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      decoding.readVarUint8Array(decoder); // the state (JSON), skipped
      if (clientId === receiverClientId || burst.senders.get(clientId) !== clock) continue;
      const left = burst.pending.get(receiverClientId);
      if (left === undefined || left === 0) continue;
      this.arrival.record(now - burst.startedAt);
      burst.pending.set(receiverClientId, left - 1);
      if (left === 1) {
        burst.pending.delete(receiverClientId);
        if (burst.pending.size === 0) {
          this.completion.push(now - burst.startedAt);
          this.burst = undefined;
        }
      }
    }
  }

  /** Closes an unfinished burst (counted as never completing). */
  finishBurst(): void {
    if (this.burst) this.completion.push(Number.POSITIVE_INFINITY);
    this.burst = undefined;
  }
}
