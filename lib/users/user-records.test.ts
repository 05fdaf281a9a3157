import { describe, expect } from 'vitest';
import { ConflictError, InvalidError, NotFoundError } from '@/lib/errors';
import { test } from '@/lib/testing/test-database';
import { userReadSchema } from './user-schemas';
import { createUser, findUserByEmail, getUserById, updateUser } from './user-records';

describe('createUser', () => {
  test('stores the email normalised and returns the Read shape', async ({ db }) => {
    const user = await createUser(db.fork(), { email: '  Ada@Example.COM ', name: ' Ada Lovelace ' });
    expect(userReadSchema.parse(user)).toEqual(user);
    expect(user).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', image: null, isAdmin: false, emailVerified: null });
    expect(await db.sql('select email, name from users')).toEqual([{ email: 'ada@example.com', name: 'Ada Lovelace' }]);
  });

  test('refuses a second account for the same address, however it is spelled', async ({ db }) => {
    await createUser(db.fork(), { email: 'ada@example.com' });
    await expect(createUser(db.fork(), { email: 'ADA@example.com ' })).rejects.toThrow(ConflictError);
  });

  test('leaves the caller’s EntityManager usable after a refused write', async ({ db }) => {
    const em = db.fork();
    await createUser(em, { email: 'ada@example.com' });
    await expect(createUser(em, { email: 'ada@example.com' })).rejects.toThrow(ConflictError);
    const grace = await createUser(em, { email: 'grace@example.com' });
    expect(await getUserById(db.fork(), grace.id)).toEqual(grace);
  });

  test('names the field of invalid input', async ({ db }) => {
    await expect(createUser(db.fork(), { email: 'not an address' })).rejects.toMatchObject({ field: 'email' });
    await expect(createUser(db.fork(), { email: 'a@example.com', name: 'x'.repeat(201) })).rejects.toThrow(
      new InvalidError('name', 'name must be at most 200 characters'),
    );
  });
});

describe('getUserById', () => {
  test('finds the user', async ({ db }) => {
    const created = await createUser(db.fork(), { email: 'ada@example.com', name: 'Ada' });
    expect(await getUserById(db.fork(), created.id)).toEqual(created);
  });

  test('is not found for an unknown or malformed id', async ({ db }) => {
    await expect(getUserById(db.fork(), crypto.randomUUID())).rejects.toThrow(NotFoundError);
    await expect(getUserById(db.fork(), 'me')).rejects.toThrow(NotFoundError);
  });
});

describe('findUserByEmail', () => {
  test('compares the normalised address', async ({ db }) => {
    const created = await createUser(db.fork(), { email: 'ada@example.com' });
    expect(await findUserByEmail(db.fork(), ' ADA@example.com')).toEqual(created);
    expect(await findUserByEmail(db.fork(), 'grace@example.com')).toBeNull();
    expect(await findUserByEmail(db.fork(), 'not an address')).toBeNull();
  });
});

describe('updateUser', () => {
  test('changes only the fields given', async ({ db }) => {
    const created = await createUser(db.fork(), { email: 'ada@example.com', name: 'Ada', image: 'https://example.com/a.png' });
    const updated = await updateUser(db.fork(), created.id, { name: 'Ada L.', image: undefined });
    expect(updated).toMatchObject({ name: 'Ada L.', image: 'https://example.com/a.png', email: 'ada@example.com' });
    expect(await getUserById(db.fork(), created.id)).toMatchObject({ name: 'Ada L.', image: 'https://example.com/a.png' });
  });

  test('clears the image when given null', async ({ db }) => {
    const created = await createUser(db.fork(), { email: 'ada@example.com', image: 'https://example.com/a.png' });
    expect((await updateUser(db.fork(), created.id, { image: null })).image).toBeNull();
  });

  test('normalises a new email and refuses one that is taken', async ({ db }) => {
    const ada = await createUser(db.fork(), { email: 'ada@example.com' });
    await createUser(db.fork(), { email: 'grace@example.com' });
    expect((await updateUser(db.fork(), ada.id, { email: ' Ada.L@Example.com' })).email).toBe('ada.l@example.com');
    await expect(updateUser(db.fork(), ada.id, { email: 'Grace@example.com' })).rejects.toThrow(ConflictError);
  });

  test('is not found for an unknown user', async ({ db }) => {
    await expect(updateUser(db.fork(), crypto.randomUUID(), { name: 'x' })).rejects.toThrow(NotFoundError);
  });
});
