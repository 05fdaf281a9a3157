import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { requiredText } from '@/lib/field-schemas';
import { parseInput } from '@/lib/parse-input';
import { getUserById, updateUser } from './user-records';
import { limits } from '@/lib/limits';

/** What a user sees of themself (`GET /api/me`). */
export interface Profile {
  id: string;
  email: string;
  name: string;
}

const profileChangeSchema = z.object({ name: requiredText(limits.fields.displayNameCharacters) }, { error: 'must be an object' });

export async function getProfile(em: EntityManager, userId: string): Promise<Profile> {
  const user = await getUserById(em, userId);
  return { id: user.id, email: user.email, name: user.name };
}

/** A user changes their own display name (their email is their sign-in, changed elsewhere). */
export async function changeDisplayName(em: EntityManager, userId: string, input: unknown): Promise<Profile> {
  const { name } = parseInput(profileChangeSchema, input);
  const user = await updateUser(em, userId, { name });
  return { id: user.id, email: user.email, name: user.name };
}
