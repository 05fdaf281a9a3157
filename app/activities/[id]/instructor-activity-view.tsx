import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivityForViewer } from '@/lib/activities/activity-schemas';
import { listExtensions } from '@/lib/activities/extension-list';
import type { ClassDetail } from '@/lib/classes/class-views';
import { getOrm } from '@/lib/db/orm';
import { listClassRoster, type RosterEntry } from '@/lib/memberships/roster';
import { overviewPage, type OverviewPage } from '@/lib/submissions/activity-overview';
import { displayName } from '@/lib/users/display-name';
import { listVocabulary } from '@/lib/vocabularies/vocabulary-administration';
import { ActivityForm } from '@/app/activities/activity-form';
import { DateTimeText } from '@/app/components/date-time-text';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { ActivityInstructions } from './activity-instructions';
import { removeExtensionAction, setExtensionAction, setPublishedAction, updateActivityAction } from './activity-actions';
import { ActivityTags } from './activity-tags';
import { ExtensionForm } from './extension-form';
import { readOverviewQuery } from './overview-query';
import { OverviewTable } from './overview-table';

/** Students' rows shown before "Show all": a class of a few hundred stays a light page. */
const OVERVIEW_PAGE_ROWS = 50;

interface InstructorActivityViewProps {
  activity: ActivityForViewer;
  /** Its class, still being read when the view starts (`loadActivityForPage`). */
  course: Promise<ClassDetail>;
  userId: string;
  search: Record<string, string | string[] | undefined>;
}

/** An instructor's view: every student's work, the activity's settings, its tags and its extensions. */
export async function InstructorActivityView({ activity, course, userId, search }: InstructorActivityViewProps) {
  const query = readOverviewQuery(search);
  const em = (await getOrm()).em.fork();
  const [overview, extensions, vocabulary, { archivedAt }] = await Promise.all([
    activity.mode === 'individual'
      ? overviewPage(em.fork(), userId, activity.id, {
          status: query.filter === 'all' ? undefined : query.filter,
          sort: { column: query.column, direction: query.direction },
          limit: query.allRows ? undefined : OVERVIEW_PAGE_ROWS,
        })
      : classStudents(em.fork(), userId, activity.classId),
    listExtensions(em.fork(), userId, activity.id),
    listVocabulary(em.fork(), userId, { activityId: activity.id }),
    course,
  ]);
  const students = overview.students;
  const archived = archivedAt !== null;
  return (
    <>
      <header className="activity-header">
        <h1>{activity.title}</h1>
        <span className={activity.published ? 'badge badge-published' : 'badge badge-draft'}>{activity.published ? 'Published' : 'Draft'}</span>
      </header>
      <dl className="activity-facts">
        <div>
          <dt>Opens</dt>
          <dd>{activity.opensAt ? <DateTimeText iso={activity.opensAt} /> : 'When published'}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>{activity.dueAt ? <DateTimeText iso={activity.dueAt} /> : 'No due date'}</dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>{activity.mode === 'individual' ? 'Individual: a workspace per student' : 'Whole class: one conversation'}</dd>
        </div>
      </dl>
      <div className="button-row activity-actions">
        {!archived && (
          <ActionButtonForm
            action={setPublishedAction.bind(null, activity.id, !activity.published)}
            pendingLabel={activity.published ? 'Unpublishing…' : 'Publishing…'}
            buttonClassName={activity.published ? 'secondary' : undefined}
            confirmMessage={activity.published ? 'Unpublish this activity? Students no longer see it; their work is kept.' : undefined}
          >
            {activity.published ? 'Unpublish' : 'Publish'}
          </ActionButtonForm>
        )}
        {activity.templateConversationId && (
          <a className="button secondary" href={`/conversations/${activity.templateConversationId}`}>
            Edit the template
          </a>
        )}
        {activity.sharedConversationId && (
          <a className="button secondary" href={`/conversations/${activity.sharedConversationId}`}>
            Open the class conversation
          </a>
        )}
      </div>
      {activity.templateConversationId && (
        <p className="muted">Students who start from now on get the template as it is then; work already started keeps its copy.</p>
      )}

      {activity.mode === 'individual' ? (
        <OverviewTable activityId={activity.id} rows={overview.rows} matching={overview.matching} query={query} />
      ) : (
        <section className="card" aria-labelledby="overview-title">
          <h2 id="overview-title">Students’ work</h2>
          <p>
            A whole-class activity has one shared conversation, where everyone’s work is.{' '}
            {activity.sharedConversationId ? <a href={`/conversations/${activity.sharedConversationId}`}>Open the class conversation</a> : 'It was deleted.'}
          </p>
        </section>
      )}

      <section className="card" aria-labelledby="instructions-title">
        <h2 id="instructions-title">Instructions as students see them</h2>
        <ActivityInstructions activity={activity} />
      </section>

      <ActivityTags activityId={activity.id} vocabulary={vocabulary} canEdit={!archived} />

      <section className="card" id="extensions" aria-labelledby="extensions-title">
        <h2 id="extensions-title">Extensions</h2>
        <p className="muted">A student with an extension has their own due date; their work is late only after it.</p>
        {extensions.length === 0 ? (
          <p className="empty-state">No extensions.</p>
        ) : (
          <ul className="extension-list">
            {extensions.map((extension) => (
              <li key={extension.studentId} className="extension-item">
                <span>
                  <strong>{extension.studentName}</strong>: due <DateTimeText iso={extension.dueAt} />
                </span>
                {!archived && (
                  <ActionButtonForm action={removeExtensionAction.bind(null, activity.id, extension.studentId)} pendingLabel="Removing…" buttonClassName="secondary">
                    Remove<span className="visually-hidden"> the extension of {extension.studentName}</span>
                  </ActionButtonForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {!archived && <ExtensionForm action={setExtensionAction.bind(null, activity.id)} students={students} />}
      </section>

      {!archived && (
        <section className="card" id="activity-settings" aria-labelledby="activity-settings-title">
          <h2 id="activity-settings-title">Settings</h2>
          <ActivityForm action={updateActivityAction.bind(null, activity.id)} activity={activity} submitLabel="Save changes" pendingLabel="Saving…" />
        </section>
      )}
    </>
  );
}

/** A whole-class activity has no overview: whom an extension can be for comes from the roster. */
async function classStudents(em: EntityManager, userId: string, classId: string): Promise<Pick<OverviewPage, 'rows' | 'matching' | 'students'>> {
  const roster = (await listClassRoster(em, userId, classId)) as RosterEntry[];
  const students = roster.filter((member) => member.role === 'student').map((member) => ({ userId: member.userId, name: displayName(member) }));
  return { rows: [], matching: 0, students };
}
