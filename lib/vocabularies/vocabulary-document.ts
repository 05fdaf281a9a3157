import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { Activity, Class, VocabularyTag } from '@/entities';
import { addTagsToDocument } from '@/lib/editor/document-tags';
import { inVocabularyOrder, toVocabularyTagRead, type VocabularyTagRead } from './vocabulary-schemas';

/** The tags a new document starts with, and whether students may add others. */
export interface Vocabulary {
  tags: VocabularyTagRead[];
  locked: boolean;
}

/**
 * The vocabulary a new document of a class follows: for an activity's workspace, the
 * activity's own tags if it has any, else the class's, locked as the activity is; for a
 * class conversation (`activityId` null), the class's, locked as the class is. No
 * authorization: the caller (starting a workspace or a conversation) has decided already.
 */
export async function vocabularyFor(em: EntityManager, classId: string, activityId: string | null): Promise<Vocabulary> {
  const owner = activityId
    ? await em.findOneOrFail(Activity, { id: activityId, class: classId }, { fields: ['tagsLocked'] })
    : await em.findOneOrFail(Class, classId, { fields: ['tagsLocked'] });
  const own = activityId ? await em.find(VocabularyTag, { class: classId, activity: activityId }) : [];
  const tags = own.length > 0 ? own : await em.find(VocabularyTag, { class: classId, activity: null });
  return { tags: inVocabularyOrder(tags.map(toVocabularyTagRead)), locked: owner.tagsLocked };
}

/**
 * Writes a vocabulary into a document's `tags` root (docs/crdt.md): each tag under its
 * vocabulary id, `{ name, color, group, position }`. Tags already there (a template's) stay
 * as they are, and a vocabulary tag whose name one of them has, whatever its case, is not
 * added again.
 */
export function applyVocabularyToDocument(doc: Y.Doc, tags: readonly Pick<VocabularyTagRead, 'id' | 'name' | 'color' | 'group' | 'position'>[]): void {
  addTagsToDocument(doc, tags);
}
