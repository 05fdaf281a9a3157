import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '@/entities';
import { isUniqueViolation } from '@/lib/db/constraint-violation';
import { loadById } from '@/lib/db/load-by-id';
import { ConflictError } from '@/lib/errors';
import { emailAddress } from '@/lib/field-schemas';
import { parseInput, parsePatch } from '@/lib/parse-input';
import { toUserRead, userCreateSchema, userUpdateSchema, type UserCreateInput, type UserRead, type UserUpdateInput } from './user-schemas';

/*
 * Writes run in a transaction of their own (a savepoint inside the caller's): a refused
 * write leaves nothing half-done in the caller's EntityManager.
 */

export async function createUser(em: EntityManager, input: UserCreateInput): Promise<UserRead> {
  const data = parseInput(userCreateSchema, input);
  const user = await withEmailConflict(() => em.transactional(async (transaction) => transaction.create(User, data)));
  return toUserRead(user);
}

export async function getUserById(em: EntityManager, id: string): Promise<UserRead> {
  return toUserRead(await loadById(em, User, id, 'user'));
}

/** The user with this email address (compared normalised), or null. */
export async function findUserByEmail(em: EntityManager, email: string): Promise<UserRead | null> {
  const normalised = emailAddress().safeParse(email);
  if (!normalised.success) return null;
  const user = await em.findOne(User, { email: normalised.data });
  return user ? toUserRead(user) : null;
}

export async function updateUser(em: EntityManager, id: string, input: UserUpdateInput): Promise<UserRead> {
  const changes = parsePatch(userUpdateSchema, input);
  const user = await withEmailConflict(() =>
    em.transactional(async (transaction) => transaction.assign(await loadById(transaction, User, id, 'user'), changes)),
  );
  return toUserRead(user);
}

async function withEmailConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique')) throw new ConflictError('An account with this email address already exists.');
    throw error;
  }
}
