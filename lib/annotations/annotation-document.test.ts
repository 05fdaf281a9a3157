import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument, canDelete, canEditText } from './annotation-document';

const ada = { id: 'user-ada', name: 'Ada' };
const bob = { id: 'user-bob', name: 'Bob' };

function pair(): [AnnotationDocument, AnnotationDocument, Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array) => Y.applyUpdate(b, update));
  b.on('update', (update: Uint8Array) => Y.applyUpdate(a, update));
  return [new AnnotationDocument(a), new AnnotationDocument(b), a, b];
}

describe('AnnotationDocument', () => {
  test('an annotation and its comments made on one side appear on the other', () => {
    const [mine, theirs] = pair();
    mine.createAnnotation('h1', 'effective', ada, new Date('2026-11-21T10:00:00Z'));
    theirs.addComment('h1', '  Nice prompt!  ', bob, new Date('2026-11-21T10:01:00Z'));
    expect(mine.getAnnotation('h1')).toMatchObject({
      tagId: 'effective',
      authorName: 'Ada',
      comments: [{ authorId: 'user-bob', authorName: 'Bob', text: 'Nice prompt!', createdAt: '2026-11-21T10:01:00.000Z' }],
    });
  });

  test('comments can be deleted, and so can whole annotations', () => {
    const [mine, theirs] = pair();
    mine.createAnnotation('h1', 'effective', ada);
    const comment = mine.addComment('h1', 'first', ada);
    mine.addComment('h1', 'second', bob);
    theirs.deleteComment('h1', comment.id);
    expect(mine.getAnnotation('h1')?.comments.map((c) => c.text)).toEqual(['second']);
    theirs.deleteAnnotation('h1');
    expect(mine.getAnnotation('h1')).toBeUndefined();
  });

  test('refuses empty and overlong comments, and comments on a deleted highlight', () => {
    const [mine] = pair();
    mine.createAnnotation('h1', 'effective', ada);
    expect(() => mine.addComment('h1', '   ', ada)).toThrow(/needs some text/);
    expect(() => mine.addComment('h1', 'x'.repeat(2_001), ada)).toThrow(/at most 2000/);
    expect(() => mine.addComment('gone', 'hello', ada)).toThrow(/no longer exists/);
  });

  test('tags: added once per name, whatever its case', () => {
    const [mine, theirs] = pair();
    const added = mine.addTag('  Clever ', '#e9d5ff');
    expect(theirs.addTag('clever', '#000000').id).toBe(added.id);
    expect(theirs.listTags()).toEqual([{ id: added.id, name: 'Clever', color: '#e9d5ff' }]);
    expect(() => mine.addTag('   ', '#fff')).toThrow(/needs a name/);
  });

  test('a comment edited on one side shows its new text and when it was edited on the other; an unchanged text is not an edit', () => {
    const [mine, theirs] = pair();
    mine.createAnnotation('h1', 'effective', ada);
    const comment = mine.addComment('h1', 'Frist thought', ada, new Date('2026-12-02T10:00:00Z'));
    expect(theirs.getAnnotation('h1')?.comments[0]).not.toHaveProperty('editedAt');
    mine.editComment('h1', comment.id, '  First thought ', new Date('2026-12-02T10:05:00Z'));
    expect(theirs.getAnnotation('h1')?.comments[0]).toMatchObject({ id: comment.id, text: 'First thought', editedAt: '2026-12-02T10:05:00.000Z', createdAt: '2026-12-02T10:00:00.000Z' });
    mine.editComment('h1', comment.id, 'First thought', new Date('2026-12-02T11:00:00Z'));
    expect(theirs.getAnnotation('h1')?.comments[0]?.editedAt).toBe('2026-12-02T10:05:00.000Z');
  });

  test('an edit is refused when empty, overlong, or of a comment that is gone', () => {
    const [mine] = pair();
    mine.createAnnotation('h1', 'effective', ada);
    const comment = mine.addComment('h1', 'hello', ada);
    expect(() => mine.editComment('h1', comment.id, '  ')).toThrow(/needs some text/);
    expect(() => mine.editComment('h1', comment.id, 'x'.repeat(2_001))).toThrow(/at most 2000/);
    expect(() => mine.editComment('h1', 'gone', 'hi')).toThrow(/no longer exists/);
    expect(mine.getAnnotation('h1')?.comments[0]?.text).toBe('hello');
  });

  test('a thread resolved on one side is resolved, with who and when, on the other; reopening forgets them; its comments stay', () => {
    const [mine, theirs] = pair();
    mine.createAnnotation('h1', 'effective', ada);
    mine.addComment('h1', 'Fixed now?', ada);
    expect(theirs.getAnnotation('h1')).toMatchObject({ resolved: false });
    theirs.setResolved('h1', true, bob, new Date('2026-12-02T10:00:00Z'));
    expect(mine.getAnnotation('h1')).toMatchObject({ resolved: true, resolution: { byId: 'user-bob', byName: 'Bob', at: '2026-12-02T10:00:00.000Z' } });
    expect(mine.getAnnotation('h1')?.comments).toHaveLength(1);
    mine.setResolved('h1', false, ada);
    const reopened = theirs.getAnnotation('h1');
    expect(reopened?.resolved).toBe(false);
    expect(reopened).not.toHaveProperty('resolution');
    expect(() => mine.setResolved('gone', true, ada)).toThrow(/no longer exists/);
  });

  test('only its author edits a comment’s text here', () => {
    expect(canEditText({ authorId: 'a' }, { id: 'a' })).toBe(true);
    expect(canEditText({ authorId: 'a' }, { id: 'b' })).toBe(false);
  });

  test('authors delete their own; instructors delete anyone’s', () => {
    expect(canDelete({ authorId: 'a' }, { id: 'a', isInstructor: false })).toBe(true);
    expect(canDelete({ authorId: 'a' }, { id: 'b', isInstructor: false })).toBe(false);
    expect(canDelete({ authorId: 'a' }, { id: 'b', isInstructor: true })).toBe(true);
  });
});
