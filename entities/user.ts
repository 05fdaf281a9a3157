import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Membership } from './membership';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  checks: [{ name: 'users_email_normalised', expression: 'email = lower(btrim(email))' }],
  properties: {
    /** Stored trimmed and lower-cased (a check constraint holds the database to it). */
    email: p.string().length(320).unique(),
    name: p.string().length(200).default(''),
    image: p.text().nullable(),
    isAdmin: p.boolean().default(false),
    /** When the user last proved they own the email address (magic link or a trusted provider). */
    emailVerified: p.datetime().nullable(),
    memberships: () => p.oneToMany(Membership).mappedBy('user'),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
