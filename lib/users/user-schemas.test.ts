import { describe, expect, test } from 'vitest';
import { userCreateSchema, userUpdateSchema } from './user-schemas';

describe('user schemas', () => {
  test('create normalises the email and fills the defaults', () => {
    expect(userCreateSchema.parse({ email: ' Ada@Example.COM' })).toEqual({ email: 'ada@example.com', name: '', image: null });
  });

  test('update makes every field optional', () => {
    expect(userUpdateSchema.parse({})).toEqual({});
    expect(userUpdateSchema.parse({ email: 'GRACE@example.com' })).toEqual({ email: 'grace@example.com' });
  });

  test('drop fields that are not theirs to set', () => {
    expect(userCreateSchema.parse({ email: 'a@example.com', isAdmin: true, id: 'x' })).not.toHaveProperty('isAdmin');
    expect(userUpdateSchema.parse({ isAdmin: true })).toEqual({});
  });
});
