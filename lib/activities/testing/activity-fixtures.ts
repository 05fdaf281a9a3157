import * as Y from 'yjs';
import { startConversation } from '@/lib/conversations/start-conversation';
import { documentLayout } from '@/lib/sync/document-layout';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { poolOfDatabase, writeDocument } from '@/lib/submissions/testing/coursework-fixtures';
import { addMembership, createClass } from '@/lib/testing/factories';
import type { TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';

/*
 * Rows for the activity tests: a class with an instructor, students and an outsider (a
 * member of another class), and a class conversation with a transcript, a highlight with a
 * comment and the default tags, to make templates from.
 */

export interface ActivityClass {
  classId: string;
  instructorId: string;
  studentIds: string[];
  /** A member of another class, not of this one. */
  outsiderId: string;
  otherClassId: string;
}

export async function createActivityClass(db: TestDatabase, { students = 2 }: { students?: number } = {}): Promise<ActivityClass> {
  const em = db.fork();
  const unique = Math.random().toString(36).slice(2, 8);
  const instructor = await createUser(em, { email: `teacher-${unique}@example.test`, name: 'Teacher' });
  const outsider = await createUser(em, { email: `outsider-${unique}@example.test`, name: 'Outsider' });
  const created = await createClass(em, instructor.id, { name: 'Activities class' });
  const other = await createClass(em, outsider.id, { name: 'Another class' });
  const studentIds: string[] = [];
  for (let n = 0; n < students; n++) {
    const student = await createUser(em, { email: `student-${n}-${unique}@example.test`, name: `Student ${String(n + 1).padStart(2, '0')}` });
    await addMembership(em, { userId: student.id, classId: created.id, role: 'student' });
    studentIds.push(student.id);
  }
  return { classId: created.id, instructorId: instructor.id, studentIds, outsiderId: outsider.id, otherClassId: other.id };
}

/** The id of the highlight `annotateConversation` writes. */
export const HIGHLIGHT_ID = 'highlight-1';

/**
 * A class conversation of `authorId` with two turns, and then (as a log row, as the live
 * server writes edits) a highlight carrying one comment.
 */
export async function createSourceConversation(db: TestDatabase, classId: string, authorId: string): Promise<string> {
  const started = await startConversation(db.fork(), authorId, classId, { title: 'The chat to critique', text: 'User: Is the moon made of cheese?\nAssistant: Yes, mostly cheddar.' });
  await writeDocument(db, started.id, (doc) => annotate(doc, authorId));
  return started.id;
}

function annotate(doc: Y.Doc, authorId: string): void {
  firstText(doc.getXmlFragment(documentLayout.content))?.format(0, 4, { highlight: { highlightId: HIGHLIGHT_ID } });
  const record = new Y.Map<unknown>();
  record.set('tagId', 'hallucination');
  record.set('authorId', authorId);
  record.set('authorName', 'Teacher');
  const comments = new Y.Array<Y.Map<unknown>>();
  const comment = new Y.Map<unknown>();
  comment.set('text', 'Not cheddar.');
  comments.push([comment]);
  record.set('comments', comments);
  doc.getMap(documentLayout.annotations).set(HIGHLIGHT_ID, record);
}

/** The first text node under `node`, depth first. */
function firstText(node: Y.XmlFragment | Y.XmlElement): Y.XmlText | undefined {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) return child;
    if (child instanceof Y.XmlElement) {
      const found = firstText(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** A conversation's document as stored: the state and the log after it. */
export async function storedDocument(db: TestDatabase, conversationId: string): Promise<Y.Doc> {
  const stored = await new PostgresDocumentStore(await poolOfDatabase(db)).load(conversationId);
  const doc = new Y.Doc();
  if (stored?.state) Y.applyUpdate(doc, stored.state);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

/** The tag names in a document's `tags` root, sorted. */
export function tagNames(doc: Y.Doc): string[] {
  return [...doc.getMap<Y.Map<unknown>>(documentLayout.tags).values()].map((tag) => String(tag.get('name'))).sort();
}

/** Client id → user id bindings of a conversation, sorted by client id. */
export async function clientBindings(db: TestDatabase, conversationId: string): Promise<Array<{ client_id: string; user_id: string }>> {
  return db.sql('select client_id::text, user_id from conversation_clients where conversation_id = ? order by client_id', [conversationId]);
}

export { writeDocument };
