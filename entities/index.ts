import { BaseEntitySchema } from './base-entity';
import { ClassSchema } from './class';
import { ConversationSchema } from './conversation';
import { MembershipSchema } from './membership';
import { UserSchema } from './user';

export { User } from './user';
export { Class } from './class';
export { Membership, membershipRoles, type MembershipRole } from './membership';
export { Conversation } from './conversation';

/** Every entity schema, for the ORM configuration. */
export const entities = [BaseEntitySchema, UserSchema, ClassSchema, MembershipSchema, ConversationSchema];
