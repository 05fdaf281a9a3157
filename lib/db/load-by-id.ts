import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { NotFoundError } from '@/lib/errors';
import { entityId } from '@/lib/field-schemas';

/**
 * The entity with this id, or a `NotFoundError` naming `thing` ("class"). An id that is
 * not a UUID at all (a mistyped URL) is not found either, without asking the database.
 */
export async function loadById<Entity extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<Entity>,
  id: string,
  thing: string,
): Promise<Entity> {
  requireWellFormedId(id, thing);
  const found = await em.findOne(entity, { id } as FilterQuery<Entity>);
  if (!found) throw new NotFoundError(thing);
  return found;
}

/** A `NotFoundError` naming `thing` unless `id` is a UUID: no such row can exist. */
export function requireWellFormedId(id: string, thing: string): void {
  if (!entityId().safeParse(id).success) throw new NotFoundError(thing);
}
