import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { InvalidError } from '@/lib/errors';
import { limits } from '@/lib/limits';
import { measureTranscript } from '@/lib/sync/transcript-extent';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import { createUser } from '@/lib/users/user-records';
import { previewImport } from './preview-import';
import { startConversation } from './start-conversation';
import { createClass } from '@/lib/testing/factories';

/** What `POST /api/classes/:id/conversations` and `POST /api/import/preview` do with a paste near and over the limits. */

async function member(db: TestDatabase) {
  const owner = await createUser(db.fork(), { email: 'teacher@example.test', name: 'Teacher' });
  const created = await createClass(db.fork(), owner.id, { name: 'Class' });
  return { userId: owner.id, classId: created.id };
}

async function storedDocument(db: TestDatabase, id: string): Promise<Y.Doc> {
  const rows = await db.sql<{ yjs_state: Buffer }>('select yjs_state from conversations where id = ?', [id]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(rows[0]?.yjs_state ?? new Uint8Array()));
  return doc;
}

/** Exactly `characters` of prose: words, with a blank line (a new paragraph) every thousand characters or so. */
function prose(characters: number): string {
  const paragraph = `${'lorem ipsum dolor sit amet '.repeat(37)}end.\n\n`;
  return paragraph.repeat(Math.ceil(characters / paragraph.length)).slice(0, characters);
}

const max = limits.import.pasteMaxCharacters;

describe('imports near and over the paste limit', () => {
  test('a paste of exactly the limit is imported, as text and as HTML; one character more is refused on its field, saying the limit', async ({ db }) => {
    const { userId, classId } = await member(db);
    const text = prose(max);
    const started = await startConversation(db.fork(), userId, classId, { title: 'Exactly the limit', text });
    expect(started.rawText.length).toBeGreaterThan(max - 10_000);
    expect(previewImport({ text }).turns).toHaveLength(1);

    const html = `<p>${prose(max - 7)}</p>`;
    expect(html).toHaveLength(max);
    await expect(startConversation(db.fork(), userId, classId, { title: 'HTML at the limit', html })).resolves.toMatchObject({ platform: 'html' });

    for (const field of ['text', 'html'] as const) {
      const over = { title: 'One too many', [field]: `${field === 'html' ? html : text}x` };
      const refusal = new InvalidError(field, `${field} must be at most 5,000,000 characters`);
      await expect(startConversation(db.fork(), userId, classId, over)).rejects.toThrow(refusal);
      expect(() => previewImport(over)).toThrow(refusal);
    }
  }, 120_000);

  test('a paste within the characters but over the bytes that can be parsed is refused on its field, saying the limit', async ({ db }) => {
    const { userId, classId } = await member(db);
    const html = `<p>${'é'.repeat(3_000_000)}</p>`;
    const refused = startConversation(db.fork(), userId, classId, { title: 'Accents', html });
    await expect(refused).rejects.toBeInstanceOf(InvalidError);
    await expect(refused).rejects.toMatchObject({ field: 'html', message: expect.stringContaining('the most that can be imported is 5 MB') });
  });

  test('nesting deeper than a document may hold is flattened, its text kept: the document opens within the limit', async ({ db }) => {
    const { userId, classId } = await member(db);
    // (A list item starts with a paragraph: the editor's schema splits one that starts with a list.)
    for (const [opening, closing] of [
      ['<blockquote>', '</blockquote>'],
      ['<ul><li>item', '</li></ul>'],
      ['<ol><li><p>item</p>', '</li></ol>'],
      ['<table><tr><td>', '</td></tr></table>'],
      ['<blockquote><table><tr><td><ul><li><p>item</p>', '</li></ul></td></tr></table></blockquote>'],
    ]) {
      const html = `${(opening as string).repeat(5_000)}<p>at the bottom</p>${(closing as string).repeat(5_000)}`;
      const started = await startConversation(db.fork(), userId, classId, { title: 'Deep', html });
      const extent = measureTranscript(await storedDocument(db, started.id));
      expect(extent.depth, opening).toBeLessThanOrEqual(limits.document.maxNestingDepth);
      expect(extent.depth, opening).toBeGreaterThan(limits.document.maxNestingDepth - 4);
      expect(started.rawText, opening).toContain('at the bottom');
    }
  }, 120_000);

  test('a paste that would make more elements than a document may hold is refused on its field before it is parsed; one just within is imported', async ({ db }) => {
    const { userId, classId } = await member(db);
    // A turn, then a paragraph and its text per paragraph: 1 + 2 × 49,999 elements fit, 1 + 2 × 50,000 do not.
    const paragraphs = (count: number) => Array.from({ length: count }, (_, index) => `p${index}`).join('\n\n');
    const within = await startConversation(db.fork(), userId, classId, { title: 'Many paragraphs', text: paragraphs((limits.document.maxElements - 1) / 2) });
    expect(measureTranscript(await storedDocument(db, within.id)).elements).toBe(limits.document.maxElements - 1);

    const over = { title: 'Too many', text: paragraphs((limits.document.maxElements - 1) / 2 + 1) };
    await expect(startConversation(db.fork(), userId, classId, over)).rejects.toMatchObject({ field: 'text', message: expect.stringContaining('at most 100,000') });
    expect(() => previewImport(over)).toThrow(InvalidError);

    // Five million one-letter lines: refused before the parse (which would take minutes and gigabytes).
    const lines = 'x\n'.repeat(max / 2);
    await expect(startConversation(db.fork(), userId, classId, { title: 'Lines', text: lines })).rejects.toMatchObject({ field: 'text' });
    await expect(startConversation(db.fork(), userId, classId, { title: 'Lines', html: lines.replaceAll('\n', '<br>').slice(0, max) })).rejects.toMatchObject({
      field: 'html',
    });
    // A line of 600,000 bold and italic letters: a few million characters of HTML whose parse would exhaust the heap.
    const runs = `<p>User: hi</p><p>${'<b>a</b><i>b</i>'.repeat(300_000)}</p>`;
    await expect(startConversation(db.fork(), userId, classId, { title: 'Runs', html: runs })).rejects.toMatchObject({ field: 'html' });
    expect(() => previewImport({ html: runs })).toThrow(InvalidError);
  }, 120_000);
});
