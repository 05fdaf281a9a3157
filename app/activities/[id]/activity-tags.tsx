import type { Vocabulary } from '@/lib/vocabularies/vocabulary-document';
import { VocabularyEditor } from '@/app/components/vocabulary-editor';

interface ActivityTagsProps {
  activityId: string;
  vocabulary: Vocabulary;
  canEdit: boolean;
}

/** The activity's tag vocabulary: the tags each workspace starts with, and whether students may add their own. */
export function ActivityTags({ activityId, vocabulary, canEdit }: ActivityTagsProps) {
  return (
    <section className="card" id="tags" aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      <p className="muted">A student’s workspace gets these tags when they start.</p>
      <VocabularyEditor scope={{ activityId }} tags={vocabulary.tags} locked={vocabulary.locked} canEdit={canEdit} />
    </section>
  );
}
