import type { MikroORM } from '@mikro-orm/postgresql';
import { describe, expect, vi } from 'vitest';
import { subscribeToDomainEvents, type DomainEvent } from '@/lib/events/domain-events';
import { addMembership, createClass, createConversation } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { loadConversationWorkspace } from './conversation-workspace';

/*
 * `PATCH /api/conversations/:id {annotateOnly}` as HTTP, through the real handler (the session
 * replaced by a user of the test's choosing, the ORM by the test's database).
 */
const signedIn = vi.hoisted(() => ({ userId: null as string | null, orm: null as MikroORM | null }));
vi.mock('@/lib/auth/current-user', () => ({
  getCurrentUser: async () => (signedIn.userId ? { id: signedIn.userId, email: 'someone@example.test', name: 'Someone', isAdmin: false } : null),
}));
vi.mock('@/lib/db/orm', () => ({ getOrm: async () => signedIn.orm }));

const conversationRoute = await import('@/app/api/conversations/[id]/route');

function call(db: TestDatabase, userId: string, method: 'GET' | 'PATCH', id: string, body?: unknown): Promise<Response> {
  signedIn.userId = userId;
  signedIn.orm = db.orm as unknown as MikroORM;
  const request = new Request(`http://localhost/api/conversations/${id}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const handler = method === 'GET' ? conversationRoute.GET : conversationRoute.PATCH;
  return handler(request, { params: Promise.resolve({ id }) });
}

async function classroom(db: TestDatabase) {
  const instructor = await createUser(db.fork(), { email: 'ada@example.com', name: 'Ada' });
  const student = await createUser(db.fork(), { email: 'bo@example.com', name: 'Bo' });
  const { id: classId } = await createClass(db.fork(), instructor.id, { name: 'C' });
  await addMembership(db.fork(), { userId: student.id, classId, role: 'student' });
  const conversation = await createConversation(db.fork(), { classId, ownerId: student.id }, { title: 'Chat' });
  return { instructorId: instructor.id, studentId: student.id, conversationId: conversation.id };
}

describe('PATCH /api/conversations/:id {annotateOnly}', () => {
  test('instructors set it and GET returns it; a student (even its owner) gets 403; a non-boolean is 400 naming the field', async ({ db }) => {
    const r = await classroom(db);
    expect(await (await call(db, r.studentId, 'GET', r.conversationId)).json()).toMatchObject({ locked: false, annotateOnly: false });

    const events: DomainEvent[] = [];
    const unsubscribe = subscribeToDomainEvents((event) => events.push(event));
    const set = await call(db, r.instructorId, 'PATCH', r.conversationId, { annotateOnly: true });
    unsubscribe();
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ annotateOnly: true, locked: false });
    // Open connections are decided again, as for a lock.
    expect(events).toContainEqual({ type: 'conversation.access-changed', conversationId: r.conversationId });
    expect(await (await call(db, r.studentId, 'GET', r.conversationId)).json()).toMatchObject({ annotateOnly: true, canEdit: true });
    const page = await loadConversationWorkspace(db.fork(), r.studentId, r.conversationId);
    expect(page).toMatchObject({ annotateOnly: true, canEdit: true, canChangeText: false, readOnlyReason: expect.stringContaining('frozen') });

    const refused = await call(db, r.studentId, 'PATCH', r.conversationId, { annotateOnly: false });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');

    const bad = await call(db, r.instructorId, 'PATCH', r.conversationId, { annotateOnly: 'yes' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid', field: 'annotateOnly' } });
    expect(await (await call(db, r.instructorId, 'GET', r.conversationId)).json()).toMatchObject({ annotateOnly: true });
  });

  test('locked and annotate-only together: locked wins, and unlocking gives annotate-only back', async ({ db }) => {
    const r = await classroom(db);
    const both = await call(db, r.instructorId, 'PATCH', r.conversationId, { locked: true, annotateOnly: true });
    expect(await both.json()).toMatchObject({ locked: true, annotateOnly: true });
    expect(await loadConversationWorkspace(db.fork(), r.studentId, r.conversationId)).toMatchObject({ canEdit: false, canChangeText: false, readOnlyReason: expect.stringContaining('locked') });
    await call(db, r.instructorId, 'PATCH', r.conversationId, { locked: false });
    expect(await loadConversationWorkspace(db.fork(), r.studentId, r.conversationId)).toMatchObject({ canEdit: true, canChangeText: false });
    // The instructor may always do both.
    expect(await loadConversationWorkspace(db.fork(), r.instructorId, r.conversationId)).toMatchObject({ canEdit: true, canChangeText: true });
  });

  test('PATCHes at once end in one of the states asked for, the same for the API and the access check', async ({ db }) => {
    const r = await classroom(db);
    const states = [
      { locked: false, annotateOnly: false },
      { locked: false, annotateOnly: true },
      { locked: true, annotateOnly: false },
    ];
    for (let round = 0; round < 5; round++) {
      const asked = Array.from({ length: 6 }, (_, index) => states[(index + round) % states.length]!);
      const answers = await Promise.all(asked.map((state) => call(db, r.instructorId, 'PATCH', r.conversationId, state)));
      expect(answers.map((answer) => answer.status)).toEqual(asked.map(() => 200));
      const stored = (await (await call(db, r.instructorId, 'GET', r.conversationId)).json()) as { locked: boolean; annotateOnly: boolean };
      // Whole: one PATCH's state, never a mix of two.
      expect(states).toContainEqual({ locked: stored.locked, annotateOnly: stored.annotateOnly });
      const student = await loadConversationWorkspace(db.fork(), r.studentId, r.conversationId);
      expect(student.canEdit).toBe(!stored.locked);
      expect(student.canChangeText).toBe(!stored.locked && !stored.annotateOnly);
    }
  });
});
