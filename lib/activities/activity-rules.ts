import { InvalidError } from '@/lib/errors';

/** The settings of an activity that must agree with one another. */
export interface ActivityDatesAndLimits {
  opensAt: Date | null;
  dueAt: Date | null;
  responseMinWords: number | null;
  responseMaxWords: number | null;
}

/**
 * Checks the rules that join two settings, on the values the activity would have (stored
 * values merged with the change), naming the field that was changed: the due date comes
 * after the opening date, and the minimum of words is at most the maximum.
 */
export function assertActivityRules(values: ActivityDatesAndLimits, changed: ReadonlySet<string> = new Set(['dueAt', 'responseMaxWords'])): void {
  const { opensAt, dueAt, responseMinWords, responseMaxWords } = values;
  if (opensAt && dueAt && dueAt.getTime() <= opensAt.getTime()) {
    if (changed.has('dueAt') || !changed.has('opensAt')) throw new InvalidError('dueAt', 'dueAt must be after opensAt');
    throw new InvalidError('opensAt', 'opensAt must be before dueAt');
  }
  if (responseMinWords !== null && responseMaxWords !== null && responseMinWords > responseMaxWords) {
    if (changed.has('responseMaxWords') || !changed.has('responseMinWords')) throw new InvalidError('responseMaxWords', 'responseMaxWords must be at least responseMinWords');
    throw new InvalidError('responseMinWords', 'responseMinWords must be at most responseMaxWords');
  }
}
