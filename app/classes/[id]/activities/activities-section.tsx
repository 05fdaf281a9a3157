import type { ActivityForViewer } from '@/lib/activities/activity-schemas';
import { listClassActivities } from '@/lib/activities/activity-administration';
import { countHandedInByActivity } from '@/lib/activities/activity-submission-counts';
import { listToDo } from '@/lib/activities/to-do';
import { getOrm } from '@/lib/db/orm';
import { DateTimeText } from '@/app/components/date-time-text';
import { ToDoList } from '@/app/components/to-do-list';

interface ActivitiesSectionProps {
  classId: string;
  userId: string;
  isInstructor: boolean;
  /** Instructors of an active class may post new activities. */
  canCreate: boolean;
}

/**
 * The class's coursework: for instructors every activity, drafts included, with its dates
 * and how many have handed it in; for students their To do in this class.
 */
export async function ActivitiesSection({ classId, userId, isInstructor, canCreate }: ActivitiesSectionProps) {
  return (
    <section className="card class-section" id="activities" aria-labelledby="activities-title">
      <div className="section-head">
        <h2 id="activities-title">Activities</h2>
        {canCreate && (
          <a className="button" href={`/classes/${classId}/activities/new`}>
            New activity
          </a>
        )}
      </div>
      {isInstructor ? <InstructorActivities classId={classId} userId={userId} /> : <StudentToDo classId={classId} userId={userId} />}
    </section>
  );
}

async function StudentToDo({ classId, userId }: { classId: string; userId: string }) {
  const items = await listToDo((await getOrm()).em.fork(), userId, { classId });
  return (
    <>
      <h3>Your To do</h3>
      <ToDoList items={items} />
    </>
  );
}

async function InstructorActivities({ classId, userId }: { classId: string; userId: string }) {
  const em = (await getOrm()).em.fork();
  const [activities, handedIn] = await Promise.all([listClassActivities(em, userId, classId), countHandedInByActivity(em.fork(), userId, classId)]);
  if (activities.length === 0) return <p className="empty-state">No activities yet. Post one for your students to work on.</p>;
  return (
    <ul className="activity-list" data-testid="activity-list">
      {activities.map((activity) => (
        <li key={activity.id} className="activity-item">
          <a href={`/activities/${activity.id}`} className="activity-link">
            {activity.title}
          </a>{' '}
          <span className={activity.published ? 'badge badge-published' : 'badge badge-draft'}>{activity.published ? 'Published' : 'Draft'}</span>
          <p className="muted activity-meta">
            <ActivityDates activity={activity} /> · {describeHandedIn(handedIn.get(activity.id) ?? 0, activity.mode)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ActivityDates({ activity }: { activity: ActivityForViewer }) {
  return (
    <>
      {activity.opensAt ? (
        <>
          {activity.open ? 'Opened' : 'Opens'} <DateTimeText iso={activity.opensAt} />
        </>
      ) : (
        'Open now'
      )}
      {' · '}
      {activity.dueAt ? (
        <>
          Due <DateTimeText iso={activity.dueAt} />
        </>
      ) : (
        'No due date'
      )}
    </>
  );
}

function describeHandedIn(count: number, mode: ActivityForViewer['mode']): string {
  if (mode === 'class') return 'One conversation for the whole class';
  return count === 1 ? '1 submitted' : `${count} submitted`;
}
