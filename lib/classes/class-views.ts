import type { MembershipRole } from '@/entities';
import type { Class } from '@/entities';
import { toTimestamp } from '@/lib/field-schemas';
import { formatInviteCode } from './invite-code';

/** A class as its members see it in lists (`GET /api/classes`). */
export interface ClassListItem {
  id: string;
  name: string;
  role: MembershipRole;
  memberCount: number;
  archived: boolean;
}

/** A class as a member sees it (`GET /api/classes/:id`); the invite code only for instructors. */
export interface ClassDetail {
  id: string;
  name: string;
  description: string;
  role: MembershipRole;
  joinEnabled: boolean;
  memberCount: number;
  archivedAt: string | null;
  /** Shown grouped for reading aloud: `ABCD-EFGH`. */
  inviteCode?: string;
}

export function toClassDetail(entity: Class, role: MembershipRole, memberCount: number): ClassDetail {
  const detail: ClassDetail = {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    role,
    joinEnabled: entity.joinEnabled,
    memberCount,
    archivedAt: entity.archivedAt ? toTimestamp(entity.archivedAt) : null,
  };
  if (role === 'instructor') detail.inviteCode = formatInviteCode(entity.inviteCode);
  return detail;
}
