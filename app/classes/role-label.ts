import type { MembershipRole } from '@/entities';

const labels: Record<MembershipRole, string> = { instructor: 'Instructor', student: 'Student' };

/** A role as the pages name it. */
export function roleLabel(role: MembershipRole): string {
  return labels[role];
}
