import type { Metadata } from 'next';
import { ActivitiesSection } from './activities/activities-section';
import { ClassOverview } from './class-overview';
import { ClassSectionNav } from './class-section-nav';
import { ConversationsSection } from './conversations-section';
import { loadClassForPage } from './load-class-for-page';
import { PeopleSection } from './members/people-section';
import { ClassSettings } from './settings/class-settings';

/** Members listed before "Show all": a class of a few hundred stays a light page. */
const ROSTER_PAGE_ROWS = 20;

interface ClassPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: ClassPageProps): Promise<Metadata> {
  const { detail } = await loadClassForPage((await params).id);
  return { title: detail.name };
}

export default async function ClassPage({ params, searchParams }: ClassPageProps) {
  const { id } = await params;
  const search = await searchParams;
  const query = { q: typeof search.q === 'string' ? search.q : undefined, cursor: typeof search.cursor === 'string' ? search.cursor : undefined };
  const { user, detail } = await loadClassForPage(id);
  const isInstructor = detail.role === 'instructor';
  const archived = detail.archivedAt !== null;
  return (
    <div className="class-page">
      <ClassOverview detail={detail} />
      <ClassSectionNav showSettings={isInstructor} />
      <ActivitiesSection classId={id} userId={user.id} isInstructor={isInstructor} canCreate={isInstructor && !archived} />
      <ConversationsSection classId={id} userId={user.id} canStart={!archived} query={query} />
      <PeopleSection classId={id} detail={detail} userId={user.id} rosterRows={search.members === 'all' ? undefined : ROSTER_PAGE_ROWS} />
      {isInstructor && (
        <div className="class-section" id="settings">
          <ClassSettings detail={detail} />
        </div>
      )}
    </div>
  );
}
