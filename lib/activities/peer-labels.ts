import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlUuidArray } from './sql-uuid-array';
import { displayName } from '@/lib/users/display-name';

/*
 * How students see one another's shared workspaces: by name, or, in an activity with
 * `anonymousPeers`, as "Peer 1", "Peer 2"... Instructors always see names. A student's
 * number is their place in the order the activity's workspaces were started, so it stays
 * the same while peers share and stop sharing.
 */

/**
 * SQL numbering each submission of the activities in the next parameter (`sqlUuidArray`) by
 * start order: rows `(submission_id, activity_id, student_id, conversation_id, peer_number)`.
 */
export const numberedSubmissionsSql = `select s.id as submission_id, s.activity_id, s.student_id, s.conversation_id,
         row_number() over (partition by s.activity_id order by s.created_at, s.id)::int as peer_number
    from submissions s
   where s.activity_id = any(?::uuid[])`;

/** What a student is called to the others of an activity. */
export function peerLabel(anonymousPeers: boolean, student: { name?: string | null }, peerNumber: number): string {
  return anonymousPeers ? `Peer ${peerNumber}` : displayName(student);
}

/** A student's peer number in an activity (`numberedSubmissionsSql`), or null before they start. */
export async function peerNumberOf(em: EntityManager, activityId: string, studentId: string): Promise<number | null> {
  const [row] = await em.execute<Array<{ peer_number: number }>>(`select peer_number from (${numberedSubmissionsSql}) numbered where student_id = ?`, [
    sqlUuidArray([activityId]),
    studentId,
  ]);
  return row?.peer_number ?? null;
}
