import { describe, expect, it } from 'vitest';
import { SequenceWindow } from './durability-poller';

describe('SequenceWindow', () => {
  it('looks again behind the highest number seen, leaving out what it has read', () => {
    const window = new SequenceWindow();
    window.prime(1_000n);
    expect(window.lookFrom()).toBe(1_000n);
    for (const sequence of [1_001n, 1_002n, 1_004n]) window.saw(sequence);
    // 1,003 committed after 1,004 was read: the next look still reaches it.
    expect(window.lookFrom()).toBe(1_000n);
    expect(window.seenSince(window.lookFrom())).toEqual(['1001', '1002', '1004']);
  });

  it('goes back at most the margin, except on the last look, which reads from the start', () => {
    const window = new SequenceWindow();
    window.prime(0n);
    for (let sequence = 1n; sequence <= 3_000n; sequence++) window.saw(sequence);
    expect(window.lookFrom()).toBe(2_500n);
    expect(window.seenSince(window.lookFrom())).toHaveLength(500);
    expect(window.lookFrom(true)).toBe(0n);
  });
});
