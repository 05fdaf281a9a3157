/**
 * Latencies in fixed buckets: 10 µs wide up to 100 ms, 1 ms wide up to 120 s (anything
 * longer lands in the last bucket, and `max` keeps the true value). Millions of samples
 * cost a fixed 0.5 MB, and percentiles are exact to the bucket width.
 */
export class LatencyHistogram {
  private static readonly fineWidthMs = 0.01;
  private static readonly fineLimitMs = 100;
  private static readonly coarseWidthMs = 1;
  private static readonly coarseLimitMs = 120_000;
  private readonly fine = new Uint32Array(LatencyHistogram.fineLimitMs / LatencyHistogram.fineWidthMs);
  private readonly coarse = new Uint32Array((LatencyHistogram.coarseLimitMs - LatencyHistogram.fineLimitMs) / LatencyHistogram.coarseWidthMs + 1);
  count = 0;
  max = 0;
  private sum = 0;

  record(milliseconds: number): void {
    const value = Math.max(0, milliseconds);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    if (value < LatencyHistogram.fineLimitMs) {
      this.fine[Math.floor(value / LatencyHistogram.fineWidthMs)]!++;
    } else {
      const index = Math.min(this.coarse.length - 1, Math.floor((value - LatencyHistogram.fineLimitMs) / LatencyHistogram.coarseWidthMs));
      this.coarse[index]!++;
    }
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < this.fine.length; i++) this.fine[i]! += other.fine[i]!;
    for (let i = 0; i < this.coarse.length; i++) this.coarse[i]! += other.coarse[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
  }

  get mean(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }

  /** The latency below which `fraction` of the samples fall (upper edge of its bucket, capped at max). */
  percentile(fraction: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.ceil(fraction * this.count);
    let seen = 0;
    for (let i = 0; i < this.fine.length; i++) {
      seen += this.fine[i]!;
      if (seen >= rank) return Math.min(this.max, (i + 1) * LatencyHistogram.fineWidthMs);
    }
    for (let i = 0; i < this.coarse.length; i++) {
      seen += this.coarse[i]!;
      if (seen >= rank) return Math.min(this.max, LatencyHistogram.fineLimitMs + (i + 1) * LatencyHistogram.coarseWidthMs);
    }
    return this.max;
  }

  summary(): LatencySummary {
    return { count: this.count, p50: this.percentile(0.5), p95: this.percentile(0.95), p99: this.percentile(0.99), max: this.count ? this.max : Number.NaN };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
