import type { ToDoState } from './activity-schemas';

/*
 * The one rule for due dates: a student's due date is their extension, else the activity's;
 * work is `late` when it was submitted after that date (stored on the submission when it is
 * submitted), and `pastDue` when that date has passed and the work is not handed in.
 */

/** A date as the ORM gives it (`Date`) or a raw row does (text from the driver). */
export type DateInput = Date | string | null | undefined;

/** `coalesce(e.due_at, a.due_at)`: the effective due date in SQL, for a query joining the activity as `a` and the student's extension as `e`. */
export const effectiveDueAtSql = 'coalesce(e.due_at, a.due_at)';

/** The student's extension, else the activity's due date; null when neither has one. */
export function effectiveDueAt(activityDueAt: DateInput, extensionDueAt?: DateInput): Date | null {
  const due = extensionDueAt ?? activityDueAt;
  return due === null || due === undefined ? null : new Date(due);
}

/** Whether a due date has passed at `now` (work due at an instant is on time at that instant). */
export function duePassed(effectiveDue: DateInput, now: Date = new Date()): boolean {
  return effectiveDue !== null && effectiveDue !== undefined && now.getTime() > new Date(effectiveDue).getTime();
}

/** `late`: submitted after its (effective) due date. */
export function isLate(submittedAt: DateInput, effectiveDue: DateInput): boolean {
  return submittedAt !== null && submittedAt !== undefined && duePassed(effectiveDue, new Date(submittedAt));
}

/** Whether work in this state is handed in (submitted, or returned by an instructor). */
export function isHandedIn(state: ToDoState): boolean {
  return state === 'submitted' || state === 'returned';
}

/** `pastDue`: its due date has passed and the work is not handed in. */
export function isPastDue(state: ToDoState, effectiveDue: DateInput, now: Date = new Date()): boolean {
  return !isHandedIn(state) && duePassed(effectiveDue, now);
}
