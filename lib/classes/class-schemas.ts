import { z } from 'zod';
import type { Class } from '@/entities';
import { entityId, flag, optionalText, recordTimestamps, requiredText, timestamp, toReadShape } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';

/** What a person gives to create a class; its owner is whoever asks. */
export const classCreateSchema = z.object(
  {
    name: requiredText(limits.fields.nameCharacters),
    description: optionalText(limits.fields.descriptionCharacters).default(''),
  },
  { error: 'must be an object' },
);

export const classUpdateSchema = z.object(
  {
    name: requiredText(limits.fields.nameCharacters).optional(),
    description: optionalText(limits.fields.descriptionCharacters).optional(),
    joinEnabled: flag().optional(),
  },
  { error: 'must be an object' },
);

export const classReadSchema = z.object({
  id: entityId(),
  name: z.string(),
  description: z.string(),
  ownerId: entityId(),
  /** Stored form, 8 characters without the dash (`formatInviteCode` adds it for display). */
  inviteCode: z.string(),
  joinEnabled: flag(),
  archivedAt: timestamp().nullable(),
  ...recordTimestamps,
});

export type ClassCreateInput = z.input<typeof classCreateSchema>;
export type ClassRead = z.output<typeof classReadSchema>;

export const toClassRead = (entity: Class): ClassRead => toReadShape(classReadSchema, entity);
