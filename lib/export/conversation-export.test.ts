import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { createClassroom, poolOf } from '@/server/sync/testing/sync-harness';
import { NotFoundError } from '@/lib/errors';
import { documentLayout } from '@/lib/sync/document-layout';
import { documentPlainText } from '@/lib/sync/document-text';
import { PostgresDocumentStore } from '@/lib/sync/postgres-document-store';
import { test } from '@/lib/testing/test-database';
import { exportConversationMarkdown } from './conversation-export';
import { transcriptDocument } from './test-documents';

describe('exportConversationMarkdown', () => {
  test('exports the stored state and the log after it, for any member of the class', async ({ db }) => {
    const classroom = await createClassroom(db);
    const store = new PostgresDocumentStore(await poolOf(db));
    const doc = transcriptDocument(
      [
        { role: 'user', html: '<p>What is <mark data-highlight-id="h1">2 + 2</mark>?</p>' },
        { role: 'assistant', html: '<p>It is 4.</p>' },
      ],
      { h1: { tagId: 'effective', authorName: 'Student', createdAt: '2025-03-01T12:00:00Z' } },
    );
    await store.compact(classroom.conversationId, { state: Y.encodeStateAsUpdate(doc), plainText: documentPlainText(doc), throughSequence: null });

    // A live edit after the last compaction: only in the log.
    const before = Y.encodeStateVector(doc);
    const comments = (doc.getMap(documentLayout.annotations).get('h1') as Y.Map<unknown>).get('comments') as Y.Array<Y.Map<string>>;
    const comment = new Y.Map<string>();
    comments.push([comment]);
    comment.set('authorName', 'Instructor');
    comment.set('createdAt', '2025-03-02T08:00:00Z');
    comment.set('text', 'Right.');
    await store.append([{ documentId: classroom.conversationId, update: Y.encodeStateAsUpdate(doc, before) }]);

    const expected = [
      '# Shared transcript',
      '',
      'Exported 2025-03-03 09:00 UTC.',
      '',
      '## User',
      '',
      'What is ==2 + 2==[^1]?',
      '',
      '## Assistant',
      '',
      'It is 4.',
      '',
      '## Annotations',
      '',
      '[^1]: **effective** — "2 + 2" (by Student, 2025-03-01)',
      '    - Instructor (2025-03-02): Right.',
      '',
    ].join('\n');
    for (const userId of [classroom.studentId, classroom.otherStudentId, classroom.instructorId]) {
      const exported = await exportConversationMarkdown(db.fork(), userId, classroom.conversationId, { exportedAt: new Date('2025-03-03T09:00:00Z') });
      expect(exported).toEqual({ title: 'Shared transcript', markdown: expected });
    }
  });

  test('a conversation never edited (no stored state yet) exports as its title alone', async ({ db }) => {
    const classroom = await createClassroom(db);
    const exported = await exportConversationMarkdown(db.fork(), classroom.studentId, classroom.conversationId);
    expect(exported.markdown).toBe('# Shared transcript\n');
  });

  test('anyone outside the class, and any id that is not a conversation, gets NotFoundError', async ({ db }) => {
    const classroom = await createClassroom(db);
    await expect(exportConversationMarkdown(db.fork(), classroom.outsiderId, classroom.conversationId)).rejects.toThrow(NotFoundError);
    await expect(exportConversationMarkdown(db.fork(), classroom.studentId, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundError);
    await expect(exportConversationMarkdown(db.fork(), classroom.studentId, 'not-a-uuid')).rejects.toThrow(NotFoundError);
  });
});
