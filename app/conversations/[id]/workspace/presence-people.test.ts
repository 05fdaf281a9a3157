import { describe, expect, test } from 'vitest';
import { presencePeople } from './presence-people';
import type { PresenceUser } from './use-presence';

const person = (clientId: number, userId: string, isSelf = false): PresenceUser => ({ clientId, userId, name: userId, color: '#123456', role: 'student', isSelf });

describe('who the workspace bar names', () => {
  test('each person once, oneself first', () => {
    const { shown, total } = presencePeople([person(1, 'ada'), person(2, 'me', true), person(3, 'ada'), person(4, 'me', true)]);
    expect(shown.map((entry) => entry.userId)).toEqual(['me', 'ada']);
    expect(total).toBe(2);
  });

  test('past the limit, the rest are counted, not listed (the bar keeps one line)', () => {
    const crowd = Array.from({ length: 10 }, (_, index) => person(index, `p${index}`, index === 9));
    const { shown, more, total } = presencePeople(crowd, 4);
    expect(shown).toHaveLength(4);
    expect(shown[0]?.userId).toBe('p9');
    expect(more).toBe(6);
    expect(total).toBe(10);
  });
});
