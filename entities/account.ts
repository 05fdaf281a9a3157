import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { User } from './user';

/**
 * A sign-in identity at an external provider (a school's OpenID Connect), linked to a user.
 * Only the identity is kept: the provider's access, refresh and id tokens are not stored,
 * because nothing here calls the provider's APIs after sign-in.
 */
export const AccountSchema = defineEntity({
  name: 'Account',
  tableName: 'accounts',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  uniques: [{ name: 'accounts_provider_account_unique', properties: ['provider', 'providerAccountId'] }],
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    type: p.string().length(32),
    provider: p.string().length(100),
    providerAccountId: p.string().length(255),
  },
});

export class Account extends AccountSchema.class {}
AccountSchema.setClass(Account);
