import { expect, test, type APIRequestContext } from '@playwright/test';
import { signedInApi, uniqueEmail } from './support/sign-in';

/**
 * The activities API asked by raw HTTP, as a modified client would: each caller gets the
 * contract's status, bad input a 400 naming its field, a student sees only what is
 * published and open, and a student's many starts at once make one workspace.
 */
interface Room {
  instructor: APIRequestContext;
  student: APIRequestContext;
  otherStudent: APIRequestContext;
  outsider: APIRequestContext;
  signedOut: APIRequestContext;
  classId: string;
  studentId: string;
}

async function room(baseURL: string, playwright: { request: { newContext(options: { baseURL: string }): Promise<APIRequestContext> } }): Promise<Room> {
  const instructor = await signedInApi(baseURL, uniqueEmail('activities-instructor'), 'Ivy Instructor');
  const student = await signedInApi(baseURL, uniqueEmail('activities-student'), 'Sam Student');
  const otherStudent = await signedInApi(baseURL, uniqueEmail('activities-other'), 'Otto Other');
  const outsider = await signedInApi(baseURL, uniqueEmail('activities-outsider'), 'Una Outsider');
  const created = await instructor.post('/api/classes', { data: { name: 'Activities class' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  for (const member of [student, otherStudent]) expect((await member.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const { id: studentId } = (await (await student.get('/api/me')).json()) as { id: string };
  return { instructor, student, otherStudent, outsider, signedOut: await playwright.request.newContext({ baseURL }), classId, studentId };
}

test.describe('activities API', () => {
  test('each caller gets the contract’s status', async ({ baseURL, playwright }) => {
    const r = await room(baseURL ?? '', playwright);
    const source = await r.instructor.post(`/api/classes/${r.classId}/conversations`, { data: { title: 'A chat', text: 'User: Hi\nAssistant: Hello.' } });
    const { id: sourceId } = (await source.json()) as { id: string };
    const created = await r.instructor.post(`/api/classes/${r.classId}/activities`, {
      data: { title: 'Critique', mode: 'individual', templateConversationId: sourceId, instructions: '**Read** it.' },
    });
    expect(created.status()).toBe(201);
    const activity = (await created.json()) as { id: string; published: boolean; templateConversationId: string; instructionsHtml: string };
    expect(activity).toMatchObject({ published: false, instructionsHtml: '<p><strong>Read</strong> it.</p>' });

    // Unpublished: students cannot find it.
    expect((await r.student.get(`/api/activities/${activity.id}`)).status()).toBe(404);
    expect((await r.student.post(`/api/activities/${activity.id}/start`)).status()).toBe(404);
    expect((await r.instructor.patch(`/api/activities/${activity.id}`, { data: { published: true } })).status()).toBe(200);

    const statuses = async (api: APIRequestContext) => [
      (await api.get(`/api/classes/${r.classId}/activities`)).status(),
      (await api.post(`/api/classes/${r.classId}/activities`, { data: { title: 'Another', mode: 'individual' } })).status(),
      (await api.get(`/api/activities/${activity.id}`)).status(),
      (await api.patch(`/api/activities/${activity.id}`, { data: { title: 'Critique it' } })).status(),
      (await api.post(`/api/activities/${activity.id}/start`)).status(),
      (await api.put(`/api/activities/${activity.id}/extensions/${r.studentId}`, { data: { dueAt: '2031-01-01T09:00:00Z' } })).status(),
      (await api.delete(`/api/activities/${activity.id}/extensions/${r.studentId}`)).status(),
    ];
    expect({
      signedOut: await statuses(r.signedOut),
      outsider: await statuses(r.outsider),
      student: await statuses(r.student),
      instructor: await statuses(r.instructor),
    }).toEqual({
      signedOut: [401, 401, 401, 401, 401, 401, 401],
      outsider: [404, 404, 404, 404, 404, 404, 404],
      student: [200, 403, 200, 403, 200, 403, 403],
      instructor: [200, 201, 200, 200, 403, 200, 204],
    });

    // The student's view has their workspace; another student cannot open it.
    const view = (await (await r.student.get(`/api/activities/${activity.id}`)).json()) as { workspace: { conversationId: string; status: string }; templateConversationId: string | null };
    expect(view.workspace.status).toBe('in_progress');
    expect(view.templateConversationId).toBeNull();
    expect((await r.student.get(`/api/conversations/${view.workspace.conversationId}`)).status()).toBe(200);
    expect((await r.otherStudent.get(`/api/conversations/${view.workspace.conversationId}`)).status()).toBe(404);
    expect((await r.student.get(`/api/conversations/${activity.templateConversationId}`)).status()).toBe(404);
    expect((await r.instructor.get(`/api/conversations/${view.workspace.conversationId}`)).status()).toBe(200);
  });

  test('bad input is a 400 naming its field', async ({ baseURL, playwright }) => {
    const r = await room(baseURL ?? '', playwright);
    const post = (data: unknown) => r.instructor.post(`/api/classes/${r.classId}/activities`, { data });
    const field = async (response: Promise<{ status(): number; json(): Promise<unknown> }>) => {
      const answer = await response;
      return [answer.status(), ((await answer.json()) as { error: { field?: string } }).error.field];
    };
    expect(await field(post({ title: '', mode: 'individual' }))).toEqual([400, 'title']);
    expect(await field(post({ title: 'Dates', mode: 'individual', opensAt: '2031-02-01T00:00:00Z', dueAt: '2031-01-01T00:00:00Z' }))).toEqual([400, 'dueAt']);
    expect(await field(post({ title: 'Words', mode: 'individual', responseMinWords: 10, responseMaxWords: 5 }))).toEqual([400, 'responseMaxWords']);
    expect(await field(post({ title: 'Grade', mode: 'individual', gradeOutOf: 0 }))).toEqual([400, 'gradeOutOf']);
    expect(await field(post({ title: 'Template', mode: 'individual', templateConversationId: '00000000-0000-4000-8000-000000000000' }))).toEqual([400, 'templateConversationId']);
    expect(await field(post({ title: 'Mode', mode: 'groups' }))).toEqual([400, 'mode']);
    expect(await field(post('not an object'))).toEqual([400, 'body']);
    const { id } = (await (await post({ title: 'Fine', mode: 'individual' })).json()) as { id: string };
    expect(await field(r.instructor.patch(`/api/activities/${id}`, { data: { instructions: 'x'.repeat(20_001) } }))).toEqual([400, 'instructions']);
    expect(await field(r.instructor.put(`/api/activities/${id}/extensions/${r.studentId}`, { data: { dueAt: 'next week' } }))).toEqual([400, 'dueAt']);
  });

  test('twenty starts at once by one student make one workspace', async ({ baseURL, playwright }) => {
    const r = await room(baseURL ?? '', playwright);
    const { id } = (await (await r.instructor.post(`/api/classes/${r.classId}/activities`, { data: { title: 'Race', mode: 'individual' } })).json()) as { id: string };
    await r.instructor.patch(`/api/activities/${id}`, { data: { published: true } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => r.student.post(`/api/activities/${id}/start`)));
    expect(answers.map((answer) => answer.status())).toEqual(answers.map(() => 200));
    const ids = new Set(await Promise.all(answers.map(async (answer) => ((await answer.json()) as { conversationId: string }).conversationId)));
    expect(ids.size).toBe(1);
  });
});
