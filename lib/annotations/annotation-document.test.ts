import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { AnnotationDocument, canDelete } from './annotation-document';

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

  test('authors delete their own; instructors delete anyone’s', () => {
    expect(canDelete({ authorId: 'a' }, { id: 'a', isInstructor: false })).toBe(true);
    expect(canDelete({ authorId: 'a' }, { id: 'b', isInstructor: false })).toBe(false);
    expect(canDelete({ authorId: 'a' }, { id: 'b', isInstructor: true })).toBe(true);
  });
});
