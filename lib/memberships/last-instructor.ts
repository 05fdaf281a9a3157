import type { MembershipRole } from '@/entities';

/** Why the last instructor can be neither demoted, removed, nor leave (the service refuses it, `member-administration.ts`). */
export const lastInstructorMessage = 'A class needs at least one instructor: make someone else an instructor first.';

/**
 * Whether `userId` is the class's only instructor, from its roster: the page says so beside
 * the Leave control instead of asking "Leave?" first. The server decides again under the
 * class's lock.
 */
export function isOnlyInstructor(roster: ReadonlyArray<{ userId: string; role: MembershipRole }>, userId: string): boolean {
  const instructors = roster.filter((member) => member.role === 'instructor');
  return instructors.length === 1 && instructors[0]!.userId === userId;
}
