import type { ClassDetail } from '@/lib/classes/class-views';
import { DateText } from '@/app/components/date-text';
import { roleLabel } from '@/app/classes/role-label';

/** The class's name, description, your role and its size, and whether it is archived. */
export function ClassOverview({ detail }: { detail: ClassDetail }) {
  return (
    <header className="class-overview">
      <h1>{detail.name}</h1>
      <p className="class-facts">
        <span className="badge">You: {roleLabel(detail.role)}</span>
        <span>{detail.memberCount === 1 ? '1 member' : `${detail.memberCount} members`}</span>
      </p>
      {detail.archivedAt && (
        <p className="notice notice-archived" role="note">
          <strong>Archived</strong> on <DateText iso={detail.archivedAt} />. This class is read-only
          {detail.role === 'instructor' ? ': unarchive it in the class settings to change it.' : '.'}
        </p>
      )}
      {detail.description ? <p className="class-description">{detail.description}</p> : <p className="muted">No description.</p>}
    </header>
  );
}
