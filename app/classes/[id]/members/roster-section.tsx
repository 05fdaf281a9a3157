import type { InstructorRosterEntry, RosterEntry } from '@/lib/memberships/roster';
import type { RosterPage } from '@/lib/memberships/roster-page';
import { DateText } from '@/app/components/date-text';
import { roleLabel } from '@/app/classes/role-label';
import { MemberRowActions } from './member-row-actions';

interface RosterSectionProps {
  classId: string;
  /** The first members (a big class's full roster is a heavy page) and how many there are. */
  roster: RosterPage;
  currentUserId: string;
  /** Instructors of an active class may change roles and remove members. */
  canManage: boolean;
}

/** Who is in the class. Instructors see emails and join dates (the service decides that). On a phone each row is a card, its values labelled by `data-label`. */
export function RosterSection({ classId, roster, currentUserId, canManage }: RosterSectionProps) {
  const shown: Array<RosterEntry | InstructorRosterEntry> = roster.members;
  const detailed = shown.every(isInstructorView);
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <div className="table-scroll" role="region" aria-labelledby="members-title" tabIndex={0}>
        <table className={detailed ? 'roster roster-detailed' : 'roster'}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {detailed && <th scope="col">Email</th>}
              <th scope="col">Role</th>
              {detailed && <th scope="col">Joined</th>}
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => (
              <tr key={member.userId}>
                <th scope="row">
                  {member.name || 'Unnamed member'}
                  {member.userId === currentUserId && <span className="muted"> (you)</span>}
                </th>
                {isInstructorView(member) && <td data-label="Email">{member.email}</td>}
                <td data-label="Role">{roleLabel(member.role)}</td>
                {isInstructorView(member) && (
                  <td data-label="Joined">
                    <DateText iso={member.joinedAt} />
                  </td>
                )}
                {canManage && (
                  <td>{member.userId !== currentUserId && <MemberRowActions classId={classId} member={member} />}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < roster.total && (
        <p>
          Showing {shown.length} of {roster.total} members.{' '}
          <a href={`/classes/${classId}?members=all#members-title`}>Show all {roster.total} members</a>
        </p>
      )}
    </section>
  );
}

function isInstructorView(member: RosterEntry): member is InstructorRosterEntry {
  return 'email' in member;
}
