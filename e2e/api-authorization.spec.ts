import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { signedInApi, uniqueEmail } from './support/sign-in';

/**
 * Every route of the accounts-and-classes API, called by each kind of caller, answers with
 * exactly the status the contract gives. Each route gets a fresh class, so destructive
 * calls (rotating, removing) never affect another row of the matrix.
 */
type Persona = 'signedOut' | 'nonMember' | 'student' | 'otherInstructor' | 'instructor';
const personas: Persona[] = ['signedOut', 'nonMember', 'student', 'otherInstructor', 'instructor'];

interface Fixture {
  classId: string;
  inviteCode: string;
  otherStudentId: string;
}

interface Route {
  name: string;
  call(api: APIRequestContext, fixture: Fixture): Promise<APIResponse>;
  expected: Record<Persona, number>;
}

const sameOrigin = (baseURL: string) => ({ origin: baseURL });

const routes: Route[] = [
  { name: 'GET /api/me', call: (api) => api.get('/api/me'), expected: { signedOut: 401, nonMember: 200, student: 200, otherInstructor: 200, instructor: 200 } },
  {
    name: 'PATCH /api/me',
    call: (api) => api.patch('/api/me', { data: { name: 'Renamed Person' } }),
    expected: { signedOut: 401, nonMember: 200, student: 200, otherInstructor: 200, instructor: 200 },
  },
  {
    name: 'POST /api/classes',
    call: (api) => api.post('/api/classes', { data: { name: 'Another class' } }),
    expected: { signedOut: 401, nonMember: 201, student: 201, otherInstructor: 201, instructor: 201 },
  },
  { name: 'GET /api/classes', call: (api) => api.get('/api/classes'), expected: { signedOut: 401, nonMember: 200, student: 200, otherInstructor: 200, instructor: 200 } },
  {
    name: 'GET /api/classes/:id',
    call: (api, f) => api.get(`/api/classes/${f.classId}`),
    expected: { signedOut: 401, nonMember: 404, student: 200, otherInstructor: 404, instructor: 200 },
  },
  {
    name: 'PATCH /api/classes/:id',
    call: (api, f) => api.patch(`/api/classes/${f.classId}`, { data: { description: 'Updated' } }),
    expected: { signedOut: 401, nonMember: 404, student: 403, otherInstructor: 404, instructor: 200 },
  },
  {
    name: 'POST /api/classes/:id/invite-code',
    call: (api, f) => api.post(`/api/classes/${f.classId}/invite-code`),
    expected: { signedOut: 401, nonMember: 404, student: 403, otherInstructor: 404, instructor: 200 },
  },
  {
    name: 'POST /api/join',
    call: (api, f) => api.post('/api/join', { data: { code: f.inviteCode } }),
    expected: { signedOut: 401, nonMember: 200, student: 200, otherInstructor: 200, instructor: 200 },
  },
  {
    name: 'GET /api/classes/:id/members',
    call: (api, f) => api.get(`/api/classes/${f.classId}/members`),
    expected: { signedOut: 401, nonMember: 404, student: 200, otherInstructor: 404, instructor: 200 },
  },
  {
    name: 'PATCH /api/classes/:id/members/:userId',
    call: (api, f) => api.patch(`/api/classes/${f.classId}/members/${f.otherStudentId}`, { data: { role: 'instructor' } }),
    expected: { signedOut: 401, nonMember: 404, student: 403, otherInstructor: 404, instructor: 200 },
  },
  {
    name: 'DELETE /api/classes/:id/members/:userId',
    call: (api, f) => api.delete(`/api/classes/${f.classId}/members/${f.otherStudentId}`),
    expected: { signedOut: 401, nonMember: 404, student: 403, otherInstructor: 404, instructor: 204 },
  },
];

test.describe('authorization matrix', () => {
  const apis = {} as Record<Persona | 'otherStudent', APIRequestContext>;
  let otherStudentId = '';

  test.beforeAll(async ({ playwright, baseURL }) => {
    const url = baseURL ?? '';
    apis.signedOut = await playwright.request.newContext({ baseURL: url, extraHTTPHeaders: sameOrigin(url) });
    for (const persona of ['nonMember', 'student', 'otherInstructor', 'instructor', 'otherStudent'] as const) {
      apis[persona] = await signedInApi(url, uniqueEmail(persona), persona);
    }
    otherStudentId = ((await (await apis.otherStudent.get('/api/me')).json()) as { id: string }).id;
    await apis.otherInstructor.post('/api/classes', { data: { name: 'Someone else’s class' } });
  });

  async function freshFixture(): Promise<Fixture> {
    const created = await apis.instructor.post('/api/classes', { data: { name: 'Matrix class', description: 'For the matrix' } });
    expect(created.status()).toBe(201);
    const { id, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
    for (const member of [apis.student, apis.otherStudent]) expect((await member.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
    return { classId: id, inviteCode, otherStudentId };
  }

  for (const route of routes) {
    test(route.name, async () => {
      const fixture = await freshFixture();
      const actual = {} as Record<Persona, number>;
      for (const persona of personas) actual[persona] = (await route.call(apis[persona], fixture)).status();
      expect(actual).toEqual(route.expected);
    });
  }

  test('a mutation sent by another site is refused', async () => {
    const fixture = await freshFixture();
    const response = await apis.instructor.patch(`/api/classes/${fixture.classId}`, {
      data: { name: 'Hijacked' },
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status()).toBe(403);
    const after = (await (await apis.instructor.get(`/api/classes/${fixture.classId}`)).json()) as { name: string };
    expect(after.name).toBe('Matrix class');
  });

  test('bad input is a 400 naming the field', async () => {
    const response = await apis.instructor.post('/api/classes', { data: { name: '   ' } });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid', field: 'name', message: 'name must not be empty' } });
    const notJson = await apis.instructor.post('/api/classes', { data: '{not json', headers: { 'content-type': 'application/json' } });
    expect(notJson.status()).toBe(400);
    expect(((await notJson.json()) as { error: { field: string } }).error.field).toBe('body');
  });

  test('the last instructor can be neither demoted nor removed', async () => {
    const fixture = await freshFixture();
    const me = (await (await apis.instructor.get('/api/me')).json()) as { id: string };
    const demote = await apis.instructor.patch(`/api/classes/${fixture.classId}/members/${me.id}`, { data: { role: 'student' } });
    expect(demote.status()).toBe(409);
    const leave = await apis.instructor.delete(`/api/classes/${fixture.classId}/members/${me.id}`);
    expect(leave.status()).toBe(409);
    expect(((await leave.json()) as { error: { message: string } }).error.message).toMatch(/at least one instructor/);
  });

  test('students see names and roles; instructors also see emails and join dates', async () => {
    const fixture = await freshFixture();
    const asStudent = (await (await apis.student.get(`/api/classes/${fixture.classId}/members`)).json()) as Array<Record<string, unknown>>;
    expect(asStudent.length).toBe(3);
    for (const member of asStudent) expect(Object.keys(member).sort()).toEqual(['name', 'role', 'userId']);
    const asInstructor = (await (await apis.instructor.get(`/api/classes/${fixture.classId}/members`)).json()) as Array<Record<string, unknown>>;
    for (const member of asInstructor) expect(Object.keys(member).sort()).toEqual(['email', 'joinedAt', 'name', 'role', 'userId']);
  });
});
