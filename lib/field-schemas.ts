import { z } from 'zod';
import { limits } from '@/lib/limits';

/**
 * The kinds of field our schemas are made of, each validated one way everywhere. Messages
 * follow the field's name: `parseInput` reports "title must not be empty".
 *
 * Text and PostgreSQL: a `text`/`varchar` value cannot hold U+0000, and the driver would
 * silently turn a lone UTF-16 surrogate into U+FFFD. Text a person typed is therefore
 * refused when it holds either, with a message saying so, rather than stored altered.
 * (Derived text, such as a conversation's `rawText`, is cleaned instead: see `derivedText`.)
 * Lengths count characters as PostgreSQL does (code points), so a limit here is the
 * column's limit exactly.
 */

const typeMessage = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

function typedText() {
  return z
    .string({ error: typeMessage('text') })
    .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character (U+0000)')
    .refine((value) => value.isWellFormed(), 'must be valid Unicode text (it holds a lone surrogate)');
}

function atMost(maxCharacters: number) {
  return (value: string) => characterCount(value) <= maxCharacters;
}

/** Trimmed, at least one character, at most `maxCharacters`: names and titles. */
export function requiredText(maxCharacters: number) {
  return typedText()
    .trim()
    .refine((value) => value.length > 0, 'must not be empty')
    .refine(atMost(maxCharacters), `must be at most ${maxCharacters} characters`);
}

/** Trimmed, possibly empty, at most `maxCharacters`: descriptions and display names. */
export function optionalText(maxCharacters: number) {
  return typedText()
    .trim()
    .refine(atMost(maxCharacters), `must be at most ${maxCharacters} characters`);
}

/**
 * Text the server derives from other data rather than text a person typed: NUL characters
 * are removed and lone surrogates replaced (U+FFFD), since refusing it would lose the rest.
 */
export function derivedText() {
  return z.string({ error: typeMessage('text') }).transform((value) => value.replaceAll('\u0000', '').toWellFormed());
}

/** An email address, trimmed and lower-cased (the form the database insists on). */
export function emailAddress() {
  return z
    .string({ error: typeMessage('an email address') })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'must be an email address' }).max(limits.fields.emailCharacters, `must be at most ${limits.fields.emailCharacters} characters`));
}

/** A primary key. */
export function entityId() {
  return z.uuid({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an id (a UUID)') });
}

export function flag() {
  return z.boolean({ error: typeMessage('true or false') });
}

/** Dates leave services as ISO 8601 strings (UTC, milliseconds): what the JSON API sends. */
export function timestamp() {
  return z.iso.datetime();
}

/** When a record was created and last changed: the last fields of every Read shape of a table. */
export const recordTimestamps = { createdAt: timestamp(), updatedAt: timestamp() };

/** A Date as the Read shapes carry it. */
export function toTimestamp(date: Date): string {
  return date.toISOString();
}

/** A date of an entity or a raw row (the driver gives `Date`s, or text) as a timestamp; null for none. */
export function timestampOrNull(date: Date | string | null | undefined): string | null {
  return date === null || date === undefined ? null : toTimestamp(new Date(date));
}

/**
 * An entity as the Read shape `schema` describes it, so the schema is the one list of its
 * fields: each field is the entity's field of that name or, for `somethingId`, the id of its
 * relation `something`; a Date becomes a timestamp and a missing value null. Not parsed:
 * what the database holds already passed the schemas on the way in.
 */
export function toReadShape<Schema extends z.ZodObject>(schema: Schema, entity: object): z.output<Schema> {
  const source = entity as Record<string, unknown>;
  const read: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    let value = source[key];
    if (value === undefined && key.endsWith('Id')) value = (source[key.slice(0, -2)] as { id?: unknown } | undefined)?.id;
    read[key] = value instanceof Date ? toTimestamp(value) : (value ?? null);
  }
  return read as z.output<Schema>;
}

/** Characters as PostgreSQL counts them: code points, not UTF-16 units. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}
