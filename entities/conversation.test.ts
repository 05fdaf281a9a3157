import { createHash, randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { selectsYjsState } from '@/lib/testing/selects-yjs-state';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { Class, Conversation, User } from './index';

async function classWithOwner(db: TestDatabase) {
  const em = db.fork();
  const owner = em.create(User, { email: 'ada@example.com' });
  const created = em.create(Class, { name: 'Engines', owner, inviteCode: 'ABCDEFGH' });
  await em.flush();
  return { classId: created.id, ownerId: owner.id };
}

const states: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one byte', Uint8Array.of(0)],
  ['every byte value', Uint8Array.from({ length: 256 }, (_, index) => index)],
  ['random bytes', new Uint8Array(randomBytes(4099))],
  ['1 MiB', new Uint8Array(randomBytes(1024 * 1024))],
];

describe('the Yjs state (bytea)', () => {
  test('comes back byte for byte, when asked for by name', async ({ db }) => {
    const { classId, ownerId } = await classWithOwner(db);
    const em = db.fork();
    const written = states.map(([title, state]) => em.create(Conversation, { class: classId, owner: ownerId, title, yjsState: state }));
    await em.flush();

    for (const [index, [title, state]] of states.entries()) {
      const id = written[index]?.id ?? '';
      const loaded = await db.fork().findOneOrFail(Conversation, { id }, { populate: ['yjsState'] });
      expect(loaded.title).toBe(title);
      expect(loaded.yjsState).toBeInstanceOf(Uint8Array);
      expect(loaded.yjsState?.length, title).toBe(state.length);
      expect(Buffer.compare(Buffer.from(loaded.yjsState ?? []), Buffer.from(state)), title).toBe(0);
      const [stored] = await db.sql<{ length: number; digest: string }>(
        `select octet_length(yjs_state) as length, encode(sha256(yjs_state), 'hex') as digest from conversations where id = ?`,
        [id],
      );
      // And what the database holds is the bytes themselves, not some encoding of them.
      expect(stored).toEqual({ length: state.length, digest: createHash('sha256').update(state).digest('hex') });
    }
  });

  test('keeps empty and missing apart', async ({ db }) => {
    const { classId, ownerId } = await classWithOwner(db);
    const em = db.fork();
    const empty = em.create(Conversation, { class: classId, owner: ownerId, title: 'empty', yjsState: new Uint8Array(0) });
    const missing = em.create(Conversation, { class: classId, owner: ownerId, title: 'missing' });
    await em.flush();
    const reload = (id: string) => db.fork().findOneOrFail(Conversation, { id }, { populate: ['yjsState'] });
    expect((await reload(empty.id)).yjsState).toEqual(new Uint8Array(0));
    expect((await reload(missing.id)).yjsState).toBeNull();
  });

  test('is not read unless asked for', async ({ db }) => {
    const { classId, ownerId } = await classWithOwner(db);
    const em = db.fork();
    const conversation = em.create(Conversation, { class: classId, owner: ownerId, title: 'T', yjsState: Uint8Array.of(1, 2, 3) });
    await em.flush();
    const { result, queries } = await db.recordQueries(() => db.fork().find(Conversation, { class: classId }));
    expect(queries.filter(selectsYjsState)).toEqual([]);
    expect(result[0]?.id).toBe(conversation.id);
    expect(result[0]?.yjsState).toBeUndefined();
  });

  test('is replaced whole by an update', async ({ db }) => {
    const { classId, ownerId } = await classWithOwner(db);
    const em = db.fork();
    const conversation = em.create(Conversation, { class: classId, owner: ownerId, title: 'T', yjsState: Uint8Array.of(1, 2, 3) });
    await em.flush();
    const again = db.fork();
    const loaded = await again.findOneOrFail(Conversation, { id: conversation.id }, { populate: ['yjsState'] });
    const next = new Uint8Array(randomBytes(1000));
    loaded.yjsState = next;
    await again.flush();
    const reloaded = await db.fork().findOneOrFail(Conversation, { id: conversation.id }, { populate: ['yjsState'] });
    expect(Buffer.from(reloaded.yjsState ?? []).equals(Buffer.from(next))).toBe(true);
  });
});

describe('the document summary', () => {
  test('a conversation made through the ORM starts with an empty object of characters per author, not a JSON string', async ({ db }) => {
    const { classId, ownerId } = await classWithOwner(db);
    const em = db.fork();
    const created = em.create(Conversation, { class: classId, owner: ownerId, title: 'Summary' });
    await em.flush();
    const [stored] = await db.sql<{ type: string; highlights: number }>(
      `select jsonb_typeof(author_characters) as type, highlight_count as highlights from conversations where id = ?`,
      [created.id],
    );
    expect(stored).toEqual({ type: 'object', highlights: 0 });
  });
});
