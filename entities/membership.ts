import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Class } from './class';
import { User } from './user';

export const membershipRoles = ['instructor', 'student'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** The link entity of User M-N Class, carrying the member's role in that class. */
export const MembershipSchema = defineEntity({
  name: 'Membership',
  tableName: 'memberships',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  uniques: [{ name: 'memberships_user_class_unique', properties: ['user', 'class'] }],
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade'),
    class: () => p.manyToOne(Class).deleteRule('cascade').index(),
    role: p.enum(membershipRoles),
  },
});

export class Membership extends MembershipSchema.class {}
MembershipSchema.setClass(Membership);
