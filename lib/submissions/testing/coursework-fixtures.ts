import type { PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import * as Y from 'yjs';
import { Activity, Class, Extension, User, type SubmissionStatus } from '@/entities';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { paragraph } from '@/lib/testing/document-builders';
import { addMembership, createClass, createWorkspace } from '@/lib/testing/factories';
import type { TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';

/*
 * Coursework rows for the submission tests, written directly (the app starts workspaces
 * through lib/activities/start-workspace.ts): a class with an instructor and students, an
 * individual activity, and workspaces with their submissions.
 */

export interface CourseworkClass {
  classId: string;
  instructorId: string;
  /** In the order made; named `Student 01`, `Student 02`… */
  studentIds: string[];
  /** A member of another class. */
  outsiderId: string;
  activityId: string;
}

export type ActivityOptions = Partial<
  Pick<Activity, 'dueAt' | 'allowLateSubmissions' | 'responseMinWords' | 'responseMaxWords' | 'responseWordLimitHard' | 'gradeOutOf' | 'title' | 'anonymousPeers'>
>;

/** An instructor, `students` students, an outsider and one published individual activity. */
export async function createCourseworkClass(db: TestDatabase, options: { students?: number; activity?: ActivityOptions; names?: string[] } = {}): Promise<CourseworkClass> {
  const em = db.fork();
  const unique = Math.random().toString(36).slice(2, 8);
  const instructor = await createUser(em, { email: `teacher-${unique}@example.test`, name: 'Teacher' });
  const outsider = await createUser(em, { email: `outsider-${unique}@example.test`, name: 'Outsider' });
  const created = await createClass(em, instructor.id, { name: 'Coursework class' });
  const studentIds: string[] = [];
  for (let n = 0; n < (options.students ?? 2); n++) {
    const name = options.names?.[n] ?? `Student ${String(n + 1).padStart(2, '0')}`;
    const student = await createUser(em, { email: `student-${n}-${unique}@example.test`, name });
    await addMembership(em, { userId: student.id, classId: created.id, role: 'student' });
    studentIds.push(student.id);
  }
  const activity = em.create(Activity, {
    class: em.getReference(Class, created.id),
    createdBy: em.getReference(User, instructor.id),
    title: 'Critique the chat',
    mode: 'individual',
    published: true,
    ...options.activity,
  });
  await em.flush();
  return { classId: created.id, instructorId: instructor.id, studentIds, outsiderId: outsider.id, activityId: activity.id };
}

/** A workspace of `studentId` (`createWorkspace`: kind `workspace`, with its submission), holding `response` as its response when given. */
export async function startedWorkspace(
  db: TestDatabase,
  coursework: CourseworkClass,
  studentId: string,
  options: { response?: string; status?: SubmissionStatus } = {},
): Promise<string> {
  const { id } = await createWorkspace(db.fork(), { classId: coursework.classId, ownerId: studentId, activityId: coursework.activityId }, { status: options.status });
  if (options.response !== undefined) await writeDocument(db, id, (doc) => writeResponse(doc, options.response ?? ''));
  return id;
}

/** Gives a student their own due date. */
export async function grantExtension(db: TestDatabase, coursework: CourseworkClass, studentId: string, dueAt: Date): Promise<void> {
  const em = db.fork();
  em.create(Extension, { activity: em.getReference(Activity, coursework.activityId), student: em.getReference(User, studentId), dueAt });
  await em.flush();
}

/** Replaces the response root's text with one paragraph per line of `text`. */
export function writeResponse(doc: Y.Doc, text: string): void {
  const response = doc.getXmlFragment(documentLayout.response);
  response.delete(0, response.length);
  response.insert(
    0,
    text.split('\n').map((line) => paragraph(line)),
  );
}

export async function poolOfDatabase(db: TestDatabase): Promise<pg.Pool> {
  return (await (db.orm.em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}

/** Changes a conversation's stored document as one more log row (as the live server would write it). */
export async function writeDocument(db: TestDatabase, conversationId: string, change: (doc: Y.Doc) => void): Promise<void> {
  const store = new PostgresDocumentStore(await poolOfDatabase(db));
  const stored = await store.load(conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  change(doc);
  await store.append([{ documentId: conversationId, update: Y.encodeStateAsUpdate(doc, before) }]);
  doc.destroy();
}
