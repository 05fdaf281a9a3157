import Link from 'next/link';
import type { ClassListItem } from '@/lib/classes/class-views';
import { roleLabel } from './role-label';

interface ClassListProps {
  classes: ClassListItem[];
  /** Said when there are none. */
  empty: string;
  /** For lists that mix roles. */
  showRole?: boolean;
}

export function ClassList({ classes, empty, showRole = false }: ClassListProps) {
  if (classes.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <ul className="class-list">
      {classes.map((item) => (
        <li key={item.id} className="class-list-item">
          <Link href={`/classes/${item.id}`}>{item.name}</Link>
          <span className="muted">
            {showRole && `${roleLabel(item.role)} · `}
            {item.memberCount === 1 ? '1 member' : `${item.memberCount} members`}
          </span>
        </li>
      ))}
    </ul>
  );
}
