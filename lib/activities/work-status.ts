import type { ToDoState } from './activity-schemas';
import { isPastDue } from './due-dates';

/** A student's work on an activity as the pages say it (the To do list, the activity page, the overview, the workspace). */
export const workStatusLabels: Record<ToDoState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  returned: 'Returned',
};

/**
 * The late badge: "Submitted late" for work handed in after its due date (or the student's
 * extension), "Past due" for work not handed in whose due date has passed, else none. A
 * `pastDue` the server already decided (the To do list's) is taken as it is.
 */
export function lateLabel(
  work: { status: ToDoState; late: boolean; pastDue?: boolean },
  effectiveDueAt: string | null = null,
  now: Date = new Date(),
): 'Submitted late' | 'Past due' | null {
  if (work.late) return 'Submitted late';
  if (work.pastDue ?? isPastDue(work.status, effectiveDueAt, now)) return 'Past due';
  return null;
}
