import { z } from 'zod';
import { membershipRoles, type Membership } from '@/entities';
import { entityId, recordTimestamps, toReadShape } from '@/lib/field-schemas';

const role = () => z.enum(membershipRoles, { error: `must be one of: ${membershipRoles.join(', ')}` });

export const membershipCreateSchema = z.object(
  {
    userId: entityId(),
    classId: entityId(),
    role: role(),
  },
  { error: 'must be an object' },
);

export const membershipUpdateSchema = z.object({ role: role().optional() }, { error: 'must be an object' });

export const membershipReadSchema = z.object({
  id: entityId(),
  userId: entityId(),
  classId: entityId(),
  role: role(),
  ...recordTimestamps,
});

export type MembershipCreateInput = z.input<typeof membershipCreateSchema>;
export type MembershipRead = z.output<typeof membershipReadSchema>;

export const toMembershipRead = (membership: Membership): MembershipRead => toReadShape(membershipReadSchema, membership);
