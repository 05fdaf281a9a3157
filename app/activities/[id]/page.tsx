import type { Metadata } from 'next';
import type { ClassDetail } from '@/lib/classes/class-views';
import { InstructorActivityView } from './instructor-activity-view';
import { loadActivityForPage } from './load-activity-for-page';
import { StudentActivityView } from './student-activity-view';

interface ActivityPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: ActivityPageProps): Promise<Metadata> {
  const { activity } = await loadActivityForPage((await params).id);
  return { title: activity.title };
}

/** The way back to the activity's class (its own component, so the class is waited for here alone). */
async function ClassBreadcrumb({ course }: { course: Promise<ClassDetail> }) {
  const { id, name } = await course;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <a href={`/classes/${id}`}>{name}</a>
    </nav>
  );
}

/** One activity: what to do and one's own work for a student; the settings and every student's work for an instructor. */
export default async function ActivityPage({ params, searchParams }: ActivityPageProps) {
  const { id } = await params;
  const { user, activity, course } = await loadActivityForPage(id);
  return (
    <div className="activity-page">
      <ClassBreadcrumb course={course} />
      {activity.role === 'instructor' ? (
        <InstructorActivityView activity={activity} course={course} userId={user.id} search={await searchParams} />
      ) : (
        <StudentActivityView activity={activity} />
      )}
    </div>
  );
}
