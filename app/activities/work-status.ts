import type { ActivityForViewer, ToDoState } from '@/lib/activities/activity-schemas';

/** A student's work on an activity as the pages say it. */
export const workStatusLabels: Record<ToDoState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  returned: 'Returned',
};

/**
 * What a `late` flag means for work in this state, in the workspace page's words: handed in
 * after the due date ("Submitted late"), or not handed in and past it ("Past due"); else null.
 */
export function lateLabel(state: ToDoState, late: boolean): 'Submitted late' | 'Past due' | null {
  if (!late) return null;
  return state === 'submitted' || state === 'returned' ? 'Submitted late' : 'Past due';
}

/** The `late` of a student's own work on this activity, as `listToDo` reads it: submitted late, or past its due date and not handed in. */
export function viewerWorkIsLate(activity: Pick<ActivityForViewer, 'workspace' | 'effectiveDueAt'>, now: Date): boolean {
  const { workspace, effectiveDueAt } = activity;
  if (workspace?.late) return true;
  const handedIn = workspace?.status === 'submitted' || workspace?.status === 'returned';
  return !handedIn && effectiveDueAt !== null && new Date(effectiveDueAt).getTime() < now.getTime();
}
