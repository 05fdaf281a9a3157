import type { Metadata } from 'next';
import { getOrm } from '@/lib/db/orm';
import { classRosterPage } from '@/lib/memberships/roster-page';
import { ActivitiesSection } from './activities/activities-section';
import { ClassOverview } from './class-overview';
import { ClassSectionNav } from './class-section-nav';
import { ConversationsSection } from './conversations-section';
import { InvitePanel } from './invite-panel/invite-panel';
import { loadClassForPage } from './load-class-for-page';
import { LeaveClassSection } from './members/leave-class-section';
import { RosterSection } from './members/roster-section';
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
  const roster = await classRosterPage((await getOrm()).em.fork(), user.id, id, { limit: search.members === 'all' ? undefined : ROSTER_PAGE_ROWS });
  const isInstructor = detail.role === 'instructor';
  const archived = detail.archivedAt !== null;
  return (
    <div className="class-page">
      <ClassOverview detail={detail} />
      <ClassSectionNav showSettings={isInstructor} />
      <ActivitiesSection classId={id} userId={user.id} isInstructor={isInstructor} canCreate={isInstructor && !archived} />
      <ConversationsSection classId={id} userId={user.id} canStart={!archived} query={query} />
      <div className="class-section" id="people">
        {isInstructor && !archived && detail.inviteCode && <InvitePanel detail={{ ...detail, inviteCode: detail.inviteCode }} />}
        <RosterSection
          classId={id}
          roster={roster}
          currentUserId={user.id}
          canManage={isInstructor && !archived}
        />
        <LeaveClassSection classId={id} className={detail.name} onlyInstructor={roster.viewerIsOnlyInstructor} />
      </div>
      {isInstructor && (
        <div className="class-section" id="settings">
          <ClassSettings detail={detail} />
        </div>
      )}
    </div>
  );
}
