import { expect, test, type APIRequestContext } from '@playwright/test';
import { signedInApi, uniqueEmail } from './support/sign-in';

/**
 * The versions API asked by raw HTTP, as a modified client would: every caller gets exactly
 * the contract's status, bad input a 400 naming its field, and two clicks at once two versions.
 */
interface Room {
  instructor: APIRequestContext;
  owner: APIRequestContext;
  otherStudent: APIRequestContext;
  outsider: APIRequestContext;
  signedOut: APIRequestContext;
  conversationId: string;
}

async function room(baseURL: string, playwright: { request: { newContext(options: { baseURL: string }): Promise<APIRequestContext> } }): Promise<Room> {
  const instructor = await signedInApi(baseURL, uniqueEmail('versions-instructor'), 'Ivy Instructor');
  const owner = await signedInApi(baseURL, uniqueEmail('versions-owner'), 'Olga Owner');
  const otherStudent = await signedInApi(baseURL, uniqueEmail('versions-other'), 'Otto Other');
  const outsider = await signedInApi(baseURL, uniqueEmail('versions-outsider'), 'Una Outsider');
  const created = await instructor.post('/api/classes', { data: { name: 'Versions class' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  for (const student of [owner, otherStudent]) expect((await student.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await owner.post(`/api/classes/${classId}/conversations`, { data: { title: 'Tides', text: 'User: Why are there two tides a day?' } });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  return { instructor, owner, otherStudent, outsider, signedOut: await playwright.request.newContext({ baseURL }), conversationId };
}

test.describe('versions API', () => {
  test('each caller gets the contract’s status', async ({ baseURL, playwright }) => {
    const r = await room(baseURL ?? '', playwright);
    const base = `/api/conversations/${r.conversationId}/versions`;
    const saved = await r.owner.post(base, { data: { label: 'First draft' } });
    expect(saved.status()).toBe(201);
    const first = (await saved.json()) as { id: string; createdAt: string; reason: string };
    expect(first).toEqual({ id: expect.any(String), createdAt: expect.any(String), reason: 'manual' });

    const statuses = async (api: APIRequestContext) => [
      (await api.get(base)).status(),
      (await api.get(`${base}/${first.id}`)).status(),
      (await api.post(base, { data: {} })).status(),
      (await api.post(`${base}/${first.id}/restore`, { data: {} })).status(),
    ];
    expect({
      signedOut: await statuses(r.signedOut),
      outsider: await statuses(r.outsider),
      otherStudent: await statuses(r.otherStudent),
      owner: await statuses(r.owner),
      instructor: await statuses(r.instructor),
    }).toEqual({
      signedOut: [401, 401, 401, 401],
      outsider: [404, 404, 404, 404],
      otherStudent: [200, 200, 403, 403],
      owner: [200, 200, 201, 200],
      instructor: [200, 200, 201, 200],
    });

    const detail = (await (await r.otherStudent.get(`${base}/${first.id}`)).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({ id: first.id, createdAt: first.createdAt, reason: 'manual', label: 'First draft', rawText: 'User: Why are there two tides a day?' });
    const list = (await (await r.otherStudent.get(base)).json()) as { items: Array<{ reason: string; authors: unknown[] }>; nextCursor: string | null };
    // Newest first: each restore kept the state before it; an unload may come between when the room unloaded meanwhile.
    expect(list.items.map((item) => item.reason).filter((reason) => reason !== 'unload')).toEqual(['restore', 'manual', 'restore', 'manual', 'manual']);
    expect(list.nextCursor).toBeNull();
    expect(list.items.at(-1)!.authors).toEqual([{ userId: expect.any(String), name: 'Olga Owner' }]);
  });

  test('bad input is a 400 naming the field; unknown versions are 404', async ({ baseURL, playwright }) => {
    const r = await room(baseURL ?? '', playwright);
    const base = `/api/conversations/${r.conversationId}/versions`;
    const answers = [
      await r.owner.post(base, { data: { label: 'x'.repeat(201) } }),
      await r.owner.post(base, { data: { label: 7 } }),
      await r.owner.get(`${base}?cursor=forged`),
      await r.owner.get(`${base}?limit=1000`),
    ];
    expect(await Promise.all(answers.map(async (answer) => [answer.status(), ((await answer.json()) as { error: { field?: string } }).error.field]))).toEqual([
      [400, 'label'],
      [400, 'label'],
      [400, 'cursor'],
      [400, 'limit'],
    ]);
    for (const versionId of [crypto.randomUUID(), 'not-a-version']) {
      expect((await r.owner.get(`${base}/${versionId}`)).status()).toBe(404);
      expect((await r.instructor.post(`${base}/${versionId}/restore`, { data: {} })).status()).toBe(404);
    }
  });

  test('two saves and two restores at the same moment each answer, with distinct versions', async ({ baseURL, playwright }) => {
    const r = await room(baseURL ?? '', playwright);
    const base = `/api/conversations/${r.conversationId}/versions`;
    const saves = await Promise.all([r.owner.post(base, { data: {} }), r.owner.post(base, { data: {} })]);
    expect(saves.map((save) => save.status())).toEqual([201, 201]);
    const [a, b] = (await Promise.all(saves.map((save) => save.json()))) as Array<{ id: string }>;
    expect(a!.id).not.toBe(b!.id);
    const restores = await Promise.all([r.owner.post(`${base}/${a!.id}/restore`, { data: {} }), r.instructor.post(`${base}/${a!.id}/restore`, { data: {} })]);
    expect(restores.map((restore) => restore.status())).toEqual([200, 200]);
    // Page through two at a time, newest first.
    const seen: Array<{ id: string; reason: string }> = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = (await (await r.owner.get(`${base}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json()) as { items: Array<{ id: string; reason: string }>; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    const kept = seen.filter((item) => item.reason !== 'unload');
    expect(kept.map((item) => item.reason)).toEqual(['restore', 'restore', 'manual', 'manual']);
    expect(kept.slice(2).map((item) => item.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
  });
});
