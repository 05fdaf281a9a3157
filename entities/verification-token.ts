import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';

/**
 * A pending magic-link sign-in. `token` is the hash Auth.js makes of the emailed token
 * (the token itself is never stored); a row is deleted when used.
 */
export const VerificationTokenSchema = defineEntity({
  name: 'VerificationToken',
  tableName: 'verification_tokens',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  uniques: [{ name: 'verification_tokens_identifier_token_unique', properties: ['identifier', 'token'] }],
  properties: {
    identifier: p.string().length(320),
    token: p.string().length(255),
    expires: p.datetime().index(),
  },
});

export class VerificationToken extends VerificationTokenSchema.class {}
VerificationTokenSchema.setClass(VerificationToken);
