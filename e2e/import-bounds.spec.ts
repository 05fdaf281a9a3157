import { expect, test, type APIRequestContext } from '@playwright/test';
import { distinctWords } from '@/lib/testing/document-builders';
import { signedInApi, uniqueEmail } from './support/sign-in';

/**
 * Pastes near and over the limits, through the real HTTP routes: every answer is a 201 (or
 * 200) or a 400 naming the field and saying the limit, never a 500. The conversations that
 * are created export and are found by search.
 */
const pasteLimit = 5_000_000;

let api: APIRequestContext;
let classId: string;

test.beforeAll(async ({ baseURL }) => {
  api = await signedInApi(baseURL as string, uniqueEmail('bounds'));
  const created = await api.post('/api/classes', { data: { name: 'Bounds class' } });
  expect(created.status()).toBe(201);
  classId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async () => {
  await api.dispose();
});

test('3.6 M characters of distinct words: created, exported, searchable', async () => {
  test.setTimeout(120_000);
  // A class of its own: the search below must find only this conversation, whatever ran before.
  const own = await api.post('/api/classes', { data: { name: 'Search bounds class' } });
  expect(own.status()).toBe(201);
  const classId = ((await own.json()) as { id: string }).id;
  const text = distinctWords(3_600_000, { blankLineEvery: 150 });
  const created = await api.post(`/api/classes/${classId}/conversations`, { data: { title: 'Many distinct words', text } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const exported = await api.get(`/api/conversations/${id}/export`);
  expect(exported.status()).toBe(200);
  expect((await exported.text()).length).toBeGreaterThan(3_600_000);

  const word = text.split(/\s+/)[5_000] as string;
  const found = await api.get(`/api/classes/${classId}/conversations?q=${encodeURIComponent(word)}`);
  expect(found.status()).toBe(200);
  expect(((await found.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)).toEqual([id]);
});

test('a paste of exactly the limit is created; one character more is a 400 naming the field and the limit', async () => {
  test.setTimeout(120_000);
  const text = distinctWords(pasteLimit, { blankLineEvery: 150 });
  expect((await api.post('/api/import/preview', { data: { text } })).status()).toBe(200);
  expect((await api.post(`/api/classes/${classId}/conversations`, { data: { title: 'At the limit', text } })).status()).toBe(201);

  for (const path of [`/api/classes/${classId}/conversations`, '/api/import/preview']) {
    const over = await api.post(path, { data: { title: 'Over the limit', text: `${text}x` } });
    expect(over.status(), path).toBe(400);
    expect(await over.json(), path).toEqual({ error: { code: 'invalid', field: 'text', message: 'text must be at most 5,000,000 characters' } });
  }
});

test('what a conversation cannot hold is a 400 naming the field; what it can, after flattening, is created', async () => {
  test.setTimeout(120_000);
  const lines = await api.post(`/api/classes/${classId}/conversations`, { data: { title: 'Lines', text: 'x\n'.repeat(1_000_000) } });
  expect(lines.status()).toBe(400);
  expect(await lines.json()).toMatchObject({ error: { code: 'invalid', field: 'text', message: expect.stringContaining('at most 100,000') } });

  const deep = `${'<blockquote>'.repeat(20_000)}<p>at the bottom</p>${'</blockquote>'.repeat(20_000)}`;
  const created = await api.post(`/api/classes/${classId}/conversations`, { data: { title: 'Deep', html: deep } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const exported = await api.get(`/api/conversations/${id}/export`);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain('at the bottom');
});
