import type { Vocabulary } from '@/lib/vocabularies/vocabulary-document';

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
      {/* PLACEHOLDER until app/components/vocabulary-editor.tsx lands: <VocabularyEditor scope={{ activityId }} tags={vocabulary.tags} locked={vocabulary.locked} canEdit={canEdit} /> */}
      <p className="muted" data-activity={activityId} data-can-edit={canEdit}>
        {vocabulary.locked ? 'Locked: students use only these tags.' : 'Open: students may add tags of their own.'}
      </p>
      {vocabulary.tags.length === 0 ? (
        <p className="empty-state">No tags of its own: workspaces get the class’s tags.</p>
      ) : (
        <ul className="tag-chips">
          {vocabulary.tags.map((tag) => (
            <li key={tag.id} className="tag-chip">
              {tag.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
