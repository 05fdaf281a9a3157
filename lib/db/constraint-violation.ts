import { ForeignKeyConstraintViolationException, UniqueConstraintViolationException } from '@mikro-orm/core';

/** Whether `error` is PostgreSQL refusing a duplicate, for the named constraint when one is given. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof UniqueConstraintViolationException)) return false;
  return constraint === undefined || (error as { constraint?: unknown }).constraint === constraint;
}

/** Whether `error` is PostgreSQL refusing a reference to a row that does not exist (or still is referenced). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof ForeignKeyConstraintViolationException)) return false;
  return constraint === undefined || (error as { constraint?: unknown }).constraint === constraint;
}
