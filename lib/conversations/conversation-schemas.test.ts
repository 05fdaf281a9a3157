import { describe, expect, test } from 'vitest';
import { conversationCreateSchema, conversationListQuerySchema, conversationUpdateSchema } from './conversation-schemas';

describe('conversation schemas', () => {
  test('create trims the title and defaults the text', () => {
    expect(conversationCreateSchema.parse({ title: '  Chat ' })).toEqual({ title: 'Chat', rawText: '' });
  });

  test('update makes every field optional and does not let the class or owner change', () => {
    expect(conversationUpdateSchema.parse({})).toEqual({});
    expect(conversationUpdateSchema.parse({ locked: true, classId: 'x', ownerId: 'y' })).toEqual({ locked: true });
    expect(conversationUpdateSchema.safeParse({ locked: 'yes' }).error?.issues[0]?.message).toBe('must be true or false');
  });

  test('the list query reads its numbers from query-string text and has defaults', () => {
    expect(conversationListQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(conversationListQuerySchema.parse({ limit: '5', q: ' lab ', cursor: 'abc' })).toEqual({ limit: 5, q: 'lab', cursor: 'abc' });
    expect(conversationListQuerySchema.safeParse({ limit: 'many' }).error?.issues[0]?.message).toBe('must be a number');
  });
});
