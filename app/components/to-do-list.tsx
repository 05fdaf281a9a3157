import type { ToDoItem } from '@/lib/activities/activity-schemas';
import { lateLabel, workStatusLabels } from '@/lib/activities/work-status';
import { DateTimeText } from './date-time-text';

interface ToDoListProps {
  items: ToDoItem[];
  /** On the home page, where the items come from several classes. */
  showClass?: boolean;
}

/** A student's open activities: each with its due date (their extension's, if any) and where their work stands. */
export function ToDoList({ items, showClass = false }: ToDoListProps) {
  if (items.length === 0) return <p className="empty-state">Nothing to do.</p>;
  return (
    <ul className="to-do-list" data-testid="to-do-list">
      {items.map((item) => {
        const late = lateLabel({ status: item.state, late: item.late, pastDue: item.pastDue });
        return (
          <li key={item.activityId} className="to-do-item">
            <a href={`/activities/${item.activityId}`} className="to-do-link">
              {item.activityTitle}
            </a>
            <p className="to-do-meta muted">
              {showClass && <span>{item.className} · </span>}
              {item.dueAt ? (
                <span>
                  Due <DateTimeText iso={item.dueAt} />
                </span>
              ) : (
                <span>No due date</span>
              )}
            </p>
            <p className="to-do-status">
              <span className={`badge status-${item.state}`}>{workStatusLabels[item.state]}</span>
              {late && <span className="badge badge-late">{late}</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
