import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { User } from './user';

/**
 * One sign-in of a user on one browser (or script). Its id travels in the signed session
 * cookie as `sid`; every request and every WebSocket upgrade checks the row, so signing
 * out (`revokedAt`), the idle timeout (`lastSeenAt`) and the lifetime (`expiresAt`) end the
 * session on the server at once, wherever the cookie was copied. See `lib/auth/user-sessions.ts`.
 */
export const UserSessionSchema = defineEntity({
  name: 'UserSession',
  tableName: 'user_sessions',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  properties: {
    user: () => p.manyToOne(User).deleteRule('cascade').index(),
    /** Last request seen with this session, written at most once a minute. */
    lastSeenAt: p.datetime(),
    /** The absolute end of the session, whatever its activity. */
    expiresAt: p.datetime(),
    /** Set by signing out; a revoked session never comes back. */
    revokedAt: p.datetime().nullable(),
  },
});

export class UserSession extends UserSessionSchema.class {}
UserSessionSchema.setClass(UserSession);
