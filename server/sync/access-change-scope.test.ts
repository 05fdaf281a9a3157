import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@/lib/events/domain-events';
import { accessChangeReaches } from './access-change-scope';

const subject = { userId: 'u1', conversationId: 'c1', classId: 'k1' };

describe('accessChangeReaches', () => {
  it('reaches the connections matching everything the event names', () => {
    const cases: Array<[DomainEvent, boolean]> = [
      [{ type: 'membership.removed', classId: 'k1', userId: 'u1' }, true],
      [{ type: 'membership.removed', classId: 'k1', userId: 'u2' }, false],
      [{ type: 'membership.role-changed', classId: 'k2', userId: 'u1' }, false],
      [{ type: 'class.archived-changed', classId: 'k1' }, true],
      [{ type: 'class.archived-changed', classId: 'k2' }, false],
      [{ type: 'conversation.locked-changed', conversationId: 'c1' }, true],
      [{ type: 'conversation.locked-changed', conversationId: 'c2' }, false],
      [{ type: 'conversation.deleted', conversationId: 'c1' }, true],
    ];
    for (const [event, reaches] of cases) expect(accessChangeReaches(event, subject), event.type).toBe(reaches);
  });

  it('a new kind of event plugs in by naming what it touches; one naming nothing reaches nobody', () => {
    const submitted = { type: 'workspace.submitted', conversationId: 'c1', userId: 'u1' } as unknown as DomainEvent;
    expect(accessChangeReaches(submitted, subject)).toBe(true);
    expect(accessChangeReaches(submitted, { ...subject, userId: 'u2' })).toBe(false);
    expect(accessChangeReaches({ type: 'something.else' } as unknown as DomainEvent, subject)).toBe(false);
  });
});
