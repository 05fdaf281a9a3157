/** Why the last instructor can be neither demoted, removed, nor leave (the service refuses it, `member-administration.ts`). */
export const lastInstructorMessage = 'A class needs at least one instructor: make someone else an instructor first.';

