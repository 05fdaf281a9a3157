import { z } from 'zod';
import type { User } from '@/entities';
import { emailAddress, entityId, flag, optionalText, recordTimestamps, timestamp, toReadShape } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';

/** Limits are the columns' (see entities/user.ts). */
export const userCreateSchema = z.object(
  {
    email: emailAddress(),
    name: optionalText(limits.fields.nameCharacters).default(''),
    /** A picture URL as the sign-in provider gives it; stored as given, never fetched by us. */
    image: optionalText(2048).nullable().default(null),
  },
  { error: 'must be an object' },
);

export const userUpdateSchema = z.object(
  {
    email: emailAddress().optional(),
    name: optionalText(limits.fields.nameCharacters).optional(),
    image: optionalText(2048).nullable().optional(),
  },
  { error: 'must be an object' },
);

export const userReadSchema = z.object({
  id: entityId(),
  email: z.string(),
  name: z.string(),
  image: z.string().nullable(),
  isAdmin: flag(),
  /** When the user last proved they own the address (set by sign-in, not by these services). */
  emailVerified: timestamp().nullable(),
  ...recordTimestamps,
});

export type UserCreateInput = z.input<typeof userCreateSchema>;
export type UserUpdateInput = z.input<typeof userUpdateSchema>;
export type UserRead = z.output<typeof userReadSchema>;

export const toUserRead = (user: User): UserRead => toReadShape(userReadSchema, user);
