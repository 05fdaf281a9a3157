import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { VocabularyTag } from '@/entities';
import { documentLayout } from '@/lib/sync/document-layout';
import { createActivityRow, createClass } from '@/lib/testing/factories';
import { test, type TestDatabase } from '@/lib/testing/test-database';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createUser } from '@/lib/users/user-records';
import { applyVocabularyToDocument, vocabularyFor } from './vocabulary-document';

async function classWithActivity(db: TestDatabase) {
  const instructor = await createUser(db.fork(), { email: 'ada@example.com' });
  const klass = await createClass(db.fork(), instructor.id, { name: 'C' });
  const activity = await createActivityRow(db.fork(), { classId: klass.id, createdById: instructor.id });
  return { instructor, klass, activity };
}

async function addTags(em: EntityManager, classId: string, activityId: string | null, names: string[]) {
  names.forEach((name, position) => em.create(VocabularyTag, { class: classId, activity: activityId, name, color: '#bbf7d0', group: '', position }));
  await em.flush();
}

describe('vocabularyFor', () => {
  test('gives the activity its own tags, else the class’s, locked as the activity is', async ({ db }) => {
    const { klass, activity } = await classWithActivity(db);
    await addTags(db.fork(), klass.id, null, ['claim', 'evidence']);
    expect(await vocabularyFor(db.fork(), klass.id, activity.id)).toMatchObject({ locked: false, tags: [{ name: 'claim' }, { name: 'evidence' }] });
    await addTags(db.fork(), klass.id, activity.id, ['bias']);
    await db.sql('update activities set tags_locked = true where id = ?', [activity.id]);
    expect(await vocabularyFor(db.fork(), klass.id, activity.id)).toMatchObject({ locked: true, tags: [{ name: 'bias', activityId: activity.id }] });
  });

  test('gives a class conversation the class’s tags in order, locked as the class is', async ({ db }) => {
    const { klass, activity } = await classWithActivity(db);
    await addTags(db.fork(), klass.id, activity.id, ['only the activity’s']);
    expect(await vocabularyFor(db.fork(), klass.id, null)).toEqual({ locked: false, tags: [] });
    await addTags(db.fork(), klass.id, null, ['b', 'a']);
    await db.sql('update vocabulary_tags set position = 5 where name = ?', ['b']);
    await db.sql('update classes set tags_locked = true where id = ?', [klass.id]);
    const vocabulary = await vocabularyFor(db.fork(), klass.id, null);
    expect(vocabulary.locked).toBe(true);
    expect(vocabulary.tags.map((tag) => tag.name)).toEqual(['a', 'b']);
  });

  test('does not give one class’s activity to another', async ({ db }) => {
    const { activity } = await classWithActivity(db);
    const other = await createClass(db.fork(), (await createUser(db.fork(), { email: 'bo@example.com' })).id, { name: 'D' });
    await expect(vocabularyFor(db.fork(), other.id, activity.id)).rejects.toThrow();
  });
});

describe('applyVocabularyToDocument', () => {
  const tag = (id: string, name: string, position = 0) => ({ id, name, color: '#fecaca', group: 'Accuracy', position });

  test('adds each tag under its id with name, colour, group and position', () => {
    const doc = new Y.Doc();
    applyVocabularyToDocument(doc, [tag('t1', 'claim', 0), tag('t2', 'evidence', 1)]);
    expect(doc.getMap(documentLayout.tags).toJSON()).toEqual({
      t1: { name: 'claim', color: '#fecaca', group: 'Accuracy', position: 0 },
      t2: { name: 'evidence', color: '#fecaca', group: 'Accuracy', position: 1 },
    });
  });

  test('keeps the tags already there and skips a vocabulary tag of the same name in another case', () => {
    const doc = new Y.Doc();
    const existing = new Y.Map<string>();
    existing.set('name', 'Claim');
    existing.set('color', '#bfdbfe');
    doc.getMap(documentLayout.tags).set('template-tag', existing);
    applyVocabularyToDocument(doc, [tag('t1', 'claim'), tag('t2', 'evidence'), tag('t3', 'EVIDENCE')]);
    expect(doc.getMap(documentLayout.tags).toJSON()).toEqual({
      'template-tag': { name: 'Claim', color: '#bfdbfe' },
      t2: { name: 'evidence', color: '#fecaca', group: 'Accuracy', position: 0 },
    });
  });

  test('applied twice, changes nothing the second time', () => {
    const doc = new Y.Doc();
    applyVocabularyToDocument(doc, [tag('t1', 'claim')]);
    const before = Y.encodeStateVector(doc);
    applyVocabularyToDocument(doc, [tag('t1', 'claim')]);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
