import type { z } from 'zod';
import { InvalidError } from '@/lib/errors';

/** A position in a list, handed to clients as an opaque base64url string. */
export function encodeOpaqueCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The position, or an `InvalidError` on `cursor` for anything this list did not give out. */
export function decodeOpaqueCursor<Schema extends z.ZodType>(encoded: string, schema: Schema): z.output<Schema> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw new InvalidError('cursor', 'cursor is not one this list gave out: start again from the first page');
  return parsed.data;
}
