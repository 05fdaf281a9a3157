import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

/**
 * What every table has: a UUID key (made by the client so new objects have an id before
 * the flush, and by the database for rows inserted by SQL), and timestamps whose defaults
 * live in the database. `updated_at` is kept current by the ORM on every flush and by a
 * trigger (see `updatedAtTrigger`) for writes that bypass the ORM.
 */
export const BaseEntitySchema = defineEntity({
  name: 'BaseEntity',
  abstract: true,
  properties: {
    id: p.uuid().primary().defaultRaw('gen_random_uuid()').onCreate(() => randomUUID()),
    ...timestampProperties(),
  },
});

/** `created_at` and `updated_at`, for tables whose key is not the base's UUID. */
export function timestampProperties() {
  return {
    createdAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  };
}

/** The trigger that keeps `updated_at` current for any UPDATE, whoever issues it. */
export function updatedAtTrigger() {
  return {
    name: 'set_updated_at',
    timing: 'before' as const,
    events: ['update' as const],
    body: 'new.updated_at = now(); return new;',
  };
}
