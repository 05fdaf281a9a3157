import { AccountSchema } from './account';
import { ActivitySchema } from './activity';
import { BaseEntitySchema } from './base-entity';
import { ClassSchema } from './class';
import { ConversationSchema } from './conversation';
import { ConversationClientSchema } from './conversation-client';
import { ConversationUpdateSchema } from './conversation-update';
import { ConversationVersionSchema } from './conversation-version';
import { ConversationVisitSchema } from './conversation-visit';
import { MembershipSchema } from './membership';
import { RateLimitBucketSchema } from './rate-limit-bucket';
import { ExtensionSchema } from './extension';
import { SubmissionSchema } from './submission';
import { UserSchema } from './user';
import { UserSessionSchema } from './user-session';
import { VerificationTokenSchema } from './verification-token';
import { VocabularyTagSchema } from './vocabulary-tag';

export { User } from './user';
export { UserSession } from './user-session';
export { Class } from './class';
export { Membership, membershipRoles, type MembershipRole } from './membership';
export { Conversation, conversationKinds, type ConversationKind } from './conversation';
export { Activity, activityModes, type ActivityMode } from './activity';
export { Submission, submissionStatuses, type SubmissionStatus } from './submission';
export { Extension } from './extension';
export { VocabularyTag } from './vocabulary-tag';
export { Account } from './account';
export { VerificationToken } from './verification-token';
export { RateLimitBucket } from './rate-limit-bucket';
export { ConversationUpdate } from './conversation-update';
export { ConversationClient } from './conversation-client';
export { ConversationVersion, versionReasons, type VersionReason } from './conversation-version';
export { ConversationVisit } from './conversation-visit';

/** Every entity schema, for the ORM configuration. */
export const entities = [
  BaseEntitySchema,
  UserSchema,
  ClassSchema,
  MembershipSchema,
  ConversationSchema,
  AccountSchema,
  VerificationTokenSchema,
  RateLimitBucketSchema,
  ConversationUpdateSchema,
  ConversationClientSchema,
  ConversationVersionSchema,
  UserSessionSchema,
  ActivitySchema,
  SubmissionSchema,
  ExtensionSchema,
  VocabularyTagSchema,
  ConversationVisitSchema,
];
