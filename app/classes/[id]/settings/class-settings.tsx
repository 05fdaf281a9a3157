import type { ClassDetail } from '@/lib/classes/class-views';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { ClassDetailsForm } from './class-details-form';
import { saveClassDetailsAction, setArchivedAction } from './class-settings-actions';
import { ClassVocabulary } from './class-vocabulary';

/** For instructors: name and description, the tag vocabulary, and archiving. An archived class only unarchives. */
export function ClassSettings({ detail }: { detail: ClassDetail }) {
  const archived = detail.archivedAt !== null;
  return (
    <section className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Class settings</h2>
      {archived ? (
        <>
          <p>Unarchive the class to change it, invite students or manage members again.</p>
          <ActionButtonForm action={setArchivedAction.bind(null, detail.id, false)} pendingLabel="Unarchiving…">
            Unarchive class
          </ActionButtonForm>
        </>
      ) : (
        <>
          <ClassDetailsForm action={saveClassDetailsAction.bind(null, detail.id)} name={detail.name} description={detail.description} />
          <ClassVocabulary classId={detail.id} canEdit />
          <h3>Archive</h3>
          <p className="muted">
            An archived class is read-only: nobody can join, and it cannot be changed until you unarchive it.
          </p>
          <ActionButtonForm
            action={setArchivedAction.bind(null, detail.id, true)}
            pendingLabel="Archiving…"
            confirmMessage="Archive this class? It becomes read-only and nobody can join until you unarchive it."
            buttonClassName="secondary"
          >
            Archive class
          </ActionButtonForm>
        </>
      )}
    </section>
  );
}
