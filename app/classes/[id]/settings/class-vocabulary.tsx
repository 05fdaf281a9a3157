import { VocabularyEditor } from '@/app/components/vocabulary-editor';
import { getOrm } from '@/lib/db/orm';
import { listVocabulary } from '@/lib/vocabularies/vocabulary-administration';
import { loadClassForPage } from '../load-class-for-page';

/** The class's tag vocabulary, in its settings: what new conversations start with, and the lock. */
export async function ClassVocabulary({ classId, canEdit }: { classId: string; canEdit: boolean }) {
  const { user } = await loadClassForPage(classId);
  const vocabulary = await listVocabulary((await getOrm()).em.fork(), user.id, { classId });
  return (
    <>
      <h3 id="class-tags-title">Tags</h3>
      <p className="muted">
        New conversations of the class start with these tags, and so do activities’ workspaces unless the activity has tags of its
        own. Conversations already started keep theirs.
      </p>
      <VocabularyEditor scope={{ classId }} tags={vocabulary.tags} locked={vocabulary.locked} canEdit={canEdit} />
    </>
  );
}
