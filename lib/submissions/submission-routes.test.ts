import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, vi } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createCourseworkClass, startedWorkspace } from './testing/coursework-fixtures';

/*
 * The routes as HTTP: a Request in, a Response out, through the real handler (session
 * resolution replaced by a signed-in user of the test's choosing, the ORM by the test's
 * database). Status codes, error bodies with their field, download headers, file contents.
 */
const signedIn = vi.hoisted(() => ({ userId: null as string | null, orm: null as MikroORM | null }));
vi.mock('@/lib/auth/current-user', () => ({
  getCurrentUser: async () => (signedIn.userId ? { id: signedIn.userId, email: 'someone@example.test', name: 'Someone', isAdmin: false } : null),
}));
vi.mock('@/lib/db/orm', () => ({ getOrm: async () => signedIn.orm }));

const submitRoute = await import('@/app/api/conversations/[id]/submit/route');
const unsubmitRoute = await import('@/app/api/conversations/[id]/unsubmit/route');
const returnRoute = await import('@/app/api/conversations/[id]/return/route');
const conversationRoute = await import('@/app/api/conversations/[id]/route');
const exportRoute = await import('@/app/api/conversations/[id]/export/route');
const submissionsRoute = await import('@/app/api/activities/[id]/submissions/route');
const csvRoute = await import('@/app/api/activities/[id]/submissions.csv/route');
const archiveRoute = await import('@/app/api/activities/[id]/export/route');

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

function call(db: TestDatabase, userId: string | null, handler: Handler, id: string, options: { method?: string; body?: unknown; query?: string } = {}): Promise<Response> {
  signedIn.userId = userId;
  signedIn.orm = db.orm as unknown as MikroORM;
  const request = new Request(`http://localhost/api/x/${id}${options.query ?? ''}`, {
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return handler(request, { params: Promise.resolve({ id }) });
}

async function room(db: TestDatabase, activity = {}) {
  const coursework = await createCourseworkClass(db, { students: 2, activity: { gradeOutOf: 10, ...activity } });
  const [studentId, peerId] = coursework.studentIds as [string, string];
  const workspaceId = await startedWorkspace(db, coursework, studentId, { response: 'Four words of response.' });
  return { ...coursework, studentId, peerId, workspaceId };
}

describe('submission routes over HTTP', () => {
  test('submit, unsubmit and return answer the contract, and refuse others with 401, 403 and 404', async ({ db }) => {
    const r = await room(db, { dueAt: new Date(Date.now() + 3_600_000) });
    expect((await call(db, null, submitRoute.POST, r.workspaceId, { method: 'POST' })).status).toBe(401);
    expect((await call(db, r.instructorId, submitRoute.POST, r.workspaceId, { method: 'POST' })).status).toBe(403);
    expect((await call(db, r.peerId, submitRoute.POST, r.workspaceId, { method: 'POST' })).status).toBe(404);
    const submitted = await call(db, r.studentId, submitRoute.POST, r.workspaceId, { method: 'POST' });
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ status: 'submitted', late: false, submittedAt: expect.any(String) });
    const unsubmitted = await call(db, r.studentId, unsubmitRoute.POST, r.workspaceId, { method: 'POST' });
    expect(await unsubmitted.json()).toMatchObject({ status: 'in_progress' });
    expect((await call(db, r.studentId, unsubmitRoute.POST, r.workspaceId, { method: 'POST' })).status).toBe(409);

    expect((await call(db, r.studentId, returnRoute.POST, r.workspaceId, { method: 'POST', body: { grade: 10 } })).status).toBe(403);
    const badGrade = await call(db, r.instructorId, returnRoute.POST, r.workspaceId, { method: 'POST', body: { grade: 11 } });
    expect(badGrade.status).toBe(400);
    expect(await badGrade.json()).toEqual({ error: { code: 'invalid', field: 'grade', message: 'grade must be a number from 0 to 10' } });
    const returned = await call(db, r.instructorId, returnRoute.POST, r.workspaceId, { method: 'POST', body: { grade: 9, feedback: 'Good.' } });
    expect(await returned.json()).toMatchObject({ status: 'returned', grade: '9', feedback: 'Good.', returnedAt: expect.any(String) });
  });

  test('a hard word limit is a 400 on response; sharing is a PATCH of sharedWithClass for the student only', async ({ db }) => {
    const r = await room(db, { responseMinWords: 50, responseWordLimitHard: true });
    const refused = await call(db, r.studentId, submitRoute.POST, r.workspaceId, { method: 'POST' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { field: 'response', message: 'The response has 4 words; this activity needs at least 50 to submit.' } });
    expect((await call(db, r.instructorId, conversationRoute.PATCH, r.workspaceId, { method: 'PATCH', body: { sharedWithClass: true } })).status).toBe(403);
    expect((await call(db, r.studentId, conversationRoute.PATCH, r.workspaceId, { method: 'PATCH', body: { sharedWithClass: true } })).status).toBe(200);
    // Shared: the peer reads it.
    expect((await call(db, r.peerId, exportRoute.GET, r.workspaceId)).status).toBe(200);
  });

  test('the overview, its CSV and the ZIP for instructors; 403 for a student; bad query parameters are 400 with the field', async ({ db }) => {
    const r = await room(db, { title: 'Week 1: "essay"' });
    const overview = await call(db, r.instructorId, submissionsRoute.GET, r.activityId, { query: '?status=in_progress&sort=-name' });
    expect(overview.status).toBe(200);
    expect((await overview.json()).map((row: { userId: string }) => row.userId)).toEqual([r.studentId]);
    expect((await call(db, r.studentId, submissionsRoute.GET, r.activityId)).status).toBe(403);
    const badStatus = await call(db, r.instructorId, submissionsRoute.GET, r.activityId, { query: '?status=lost' });
    expect(badStatus.status).toBe(400);
    expect((await badStatus.json()).error.field).toBe('status');

    const csv = await call(db, r.instructorId, csvRoute.GET, r.activityId);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // No quote, colon or slash of the title reaches the header.
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="Week 1 essay submissions.csv"; filename*=UTF-8''Week%201%20essay%20submissions.csv`);
    expect(await csv.text()).toContain('"in_progress"');
    expect((await call(db, r.studentId, csvRoute.GET, r.activityId)).status).toBe(403);

    const zip = await call(db, r.instructorId, archiveRoute.GET, r.activityId);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('cache-control')).toBe('private, no-store');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files)).toHaveLength(2);
    expect(strFromU8(files['submissions.csv']!)).toContain('"Student 01"');
    expect((await call(db, r.studentId, archiveRoute.GET, r.activityId)).status).toBe(403);
    expect((await call(db, r.outsiderId, archiveRoute.GET, r.activityId)).status).toBe(404);
  });

  test('a whole-class activity has no overview: 409 with where to go, for the table, the CSV and the ZIP', async ({ db }) => {
    const r = await room(db);
    await db.sql("update activities set mode = 'class' where id = ?", [r.activityId]);
    for (const route of [submissionsRoute.GET, csvRoute.GET, archiveRoute.GET]) {
      const refused = await call(db, r.instructorId, route, r.activityId);
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.message).toBe('A whole-class activity has one shared conversation: open it instead.');
    }
  });

  test('overview filters over HTTP: late is submitted late, overdue is past due and not handed in', async ({ db }) => {
    const r = await room(db, { dueAt: new Date(Date.now() - 3_600_000) });
    await call(db, r.studentId, submitRoute.POST, r.workspaceId, { method: 'POST' });
    const late = await (await call(db, r.instructorId, submissionsRoute.GET, r.activityId, { query: '?status=late' })).json();
    expect(late.map((row: { userId: string; late: boolean; pastDue: boolean }) => [row.userId, row.late, row.pastDue])).toEqual([[r.studentId, true, false]]);
    const overdue = await (await call(db, r.instructorId, submissionsRoute.GET, r.activityId, { query: '?status=overdue' })).json();
    expect(overdue.map((row: { userId: string; late: boolean; pastDue: boolean }) => [row.userId, row.late, row.pastDue])).toEqual([[r.peerId, false, true]]);
  });

  test('a workspace’s PDF for whoever may read it, and not for others; a bad format is 400', async ({ db }) => {
    const r = await room(db);
    const pdf = await call(db, r.studentId, exportRoute.GET, r.workspaceId, { query: '?format=pdf' });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="My workspace[ -]*Student 01\.pdf"; filename\*=UTF-8''My%20workspace%20%28Student%2001%29\.pdf$/);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(db, r.peerId, exportRoute.GET, r.workspaceId, { query: '?format=pdf' })).status).toBe(404);
    expect((await call(db, r.instructorId, exportRoute.GET, r.workspaceId, { query: '?format=docx' })).status).toBe(400);
    const markdown = await call(db, r.instructorId, exportRoute.GET, r.workspaceId);
    expect(await markdown.text()).toContain('## Response\n\nFour words of response.');
  });
});
