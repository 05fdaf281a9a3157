import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { defaultTags } from '@/lib/editor/default-tags';
import { addTagsToDocument } from '@/lib/editor/document-tags';
import { documentLayout } from '@/lib/sync/document-layout';
import { applyVocabularyToDocument, vocabularyFor } from '@/lib/vocabularies/vocabulary-document';

/** What a new document of an activity gets for tags, and whether students may add more. */
export interface StartingTags {
  /** Writes the tags into a document (its `tags` root). */
  apply: (doc: Y.Doc) => void;
  locked: boolean;
}

/**
 * The tags a new coursework document starts with: the vocabulary (`vocabularyFor`: the
 * activity's own tags, else the class's) added to those it has; a document that ends up with
 * no tags at all (no vocabulary, a template without any) gets the default tags, as a new
 * class conversation does, so there is always something to highlight with.
 */
export async function startingTagsFor(em: EntityManager, classId: string, activityId: string | null): Promise<StartingTags> {
  const vocabulary = await vocabularyFor(em, classId, activityId);
  return {
    locked: vocabulary.locked,
    apply(doc) {
      applyVocabularyToDocument(doc, vocabulary.tags);
      if (doc.getMap(documentLayout.tags).size === 0) addTagsToDocument(doc, defaultTags);
    },
  };
}
