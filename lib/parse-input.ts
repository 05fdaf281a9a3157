import type { z } from 'zod';
import { InvalidError } from './errors';

/**
 * Parses input with a schema, or throws an `InvalidError` naming the first field at fault
 * ("title must not be empty"). Schemas word their messages to follow the field's name.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  throw new InvalidError(field, `${field} ${issue?.message ?? 'is invalid'}`);
}

/**
 * `parseInput` for partial updates: fields given as `undefined` are dropped, so that
 * "not given" never turns into "set to nothing".
 */
export function parsePatch<Schema extends z.ZodType<object>>(schema: Schema, input: unknown): Partial<z.output<Schema>> {
  const parsed = parseInput(schema, input);
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as Partial<z.output<Schema>>;
}
