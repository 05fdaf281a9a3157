import type { ClassDetail } from '@/lib/classes/class-views';
import { getOrm } from '@/lib/db/orm';
import { classRosterPage } from '@/lib/memberships/roster-page';
import { InvitePanel } from '../invite-panel/invite-panel';
import { LeaveClassSection } from './leave-class-section';
import { RosterSection } from './roster-section';

interface PeopleSectionProps {
  classId: string;
  detail: ClassDetail;
  userId: string;
  /** Members listed before "Show all"; undefined lists everyone. */
  rosterRows: number | undefined;
}

/**
 * Who is in the class, how to invite more, and leaving it. Its own component, so that its
 * roster query runs beside the other sections' instead of before them.
 */
export async function PeopleSection({ classId, detail, userId, rosterRows }: PeopleSectionProps) {
  const roster = await classRosterPage((await getOrm()).em.fork(), userId, classId, { limit: rosterRows });
  const isInstructor = detail.role === 'instructor';
  const archived = detail.archivedAt !== null;
  return (
    <div className="class-section" id="people">
      {isInstructor && !archived && detail.inviteCode && <InvitePanel detail={{ ...detail, inviteCode: detail.inviteCode }} />}
      <RosterSection classId={classId} roster={roster} currentUserId={userId} canManage={isInstructor && !archived} />
      <LeaveClassSection classId={classId} className={detail.name} onlyInstructor={roster.viewerIsOnlyInstructor} />
    </div>
  );
}
