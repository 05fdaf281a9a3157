import type { EntityManager } from '@mikro-orm/postgresql';
import { Conversation, type ConversationKind, type MembershipRole, type SubmissionStatus } from '@/entities';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { NotFoundError } from '@/lib/errors';
import { displayName } from '@/lib/users/display-name';
import { editPermission } from './edit-permission';

/*
 * Who may reach a conversation, decided here for the pages, the API and the live-sync
 * server alike: members of its class, while it is not in the trash, and of those
 * (`conversationVisibleTo`) everyone for a class conversation, instructors only for an
 * activity's template, and for a student's workspace its student, the instructors and, once
 * its student shares it, the class; `editPermission` says who may write. A non-member, a
 * private workspace, a conversation in the trash and a missing one get the same answer (the
 * trash has its own way in: `conversation-trash.ts`).
 */

/** A member's way into a conversation, with the loaded entity (for the pages and the API). */
export interface ConversationMemberAccess {
  conversation: Conversation;
  role: MembershipRole;
  /** Whether the caller created it. */
  isOwner: boolean;
  /** Whether the caller may change its document now, and why not (`editPermission`, as the live-sync server decides it). */
  canEdit: boolean;
  /** Whether the caller may change its text, not only annotate it (`editPermission`). */
  canChangeText: boolean;
  readOnlyReason: string;
  kind: ConversationKind;
  /** The activity it belongs to, if any. */
  activityId: string | null;
  mayAddTags: boolean;
}

/**
 * The conversation, if `userId` is a member of its class and it is not in the trash. Anyone
 * else, and a conversation in the trash, gets the same `NotFoundError` as for one that does
 * not exist.
 */
export async function requireConversationMember(em: EntityManager, userId: string, conversationId: string): Promise<ConversationMemberAccess> {
  requireWellFormedId(conversationId, 'conversation');
  const access = await checkLiveDocumentAccess((sql, parameters) => em.execute(sql, parameters), userId, conversationId);
  if (!access.granted) throw new NotFoundError('conversation');
  const conversation = await em.findOne(Conversation, { id: conversationId, deletedAt: null }, { populate: ['class'] });
  if (!conversation) throw new NotFoundError('conversation');
  return {
    conversation,
    role: access.role,
    isOwner: conversation.owner.id === userId,
    canEdit: access.canEdit,
    canChangeText: access.canChangeText,
    readOnlyReason: access.readOnlyReason,
    kind: access.kind,
    activityId: access.activityId,
    mayAddTags: access.mayAddTags,
  };
}

/** Whether a person may open a conversation's live document, and write to it. */
export type LiveDocumentAccess =
  | {
      granted: true;
      classId: string;
      canEdit: boolean;
      /** Whether the person may change the text, not only annotate (`editPermission`). */
      canChangeText: boolean;
      readOnlyReason: string;
      role: MembershipRole;
      /** The name the writer's annotations must carry (`displayName`). */
      authorName: string;
      kind: ConversationKind;
      /** The activity it belongs to (template, workspace, or a class activity's conversation). */
      activityId: string | null;
      ownerId: string;
      /** Whether the person may add tags (not when the vocabulary is locked, for students). */
      mayAddTags: boolean;
    }
  | {
      granted: false;
      status: 404;
      reason: string;
      /** The conversation is gone (in the trash, or never was), rather than the person not a member. Never told to a newcomer (one 404 for both). */
      missing: boolean;
    };

interface LiveDocumentAccessRow {
  class_id: string;
  owner_id: string;
  kind: ConversationKind;
  activity_id: string | null;
  shared_with_class: boolean;
  activity_hidden: boolean;
  tags_locked: boolean;
  locked: boolean;
  annotate_only: boolean;
  archived: boolean;
  submission_status: SubmissionStatus | null;
  role: MembershipRole | null;
  name: string | null;
}

/** Runs one SQL query with `?` parameters and gives its rows: an `EntityManager`'s `execute`, or the sync server's pool. */
export type RunQuery = <Row extends object>(sql: string, parameters: unknown[]) => Promise<Row[]>;

/**
 * `userId`'s access to a conversation, decided in one query: the check behind
 * `requireConversationMember` (pages, API) and the live-sync server's, which runs it on
 * every connection and every access change, without an EntityManager.
 */
export async function checkLiveDocumentAccess(query: RunQuery, userId: string, conversationId: string): Promise<LiveDocumentAccess> {
  const [row] = await query<LiveDocumentAccessRow>(
    `select c.class_id, c.owner_id, c.kind, c.activity_id, c.shared_with_class, c.tags_locked, c.locked, c.annotate_only,
            not ${activityOpenToStudentsSql} as activity_hidden,
            cl.archived_at is not null as archived, s.status as submission_status, m.role, u.name
       from conversations c
       join classes cl on cl.id = c.class_id
       left join submissions s on s.conversation_id = c.id
       left join memberships m on m.class_id = c.class_id and m.user_id = ?
       left join users u on u.id = m.user_id
      where c.id = ? and c.deleted_at is null`,
    [userId, conversationId],
  );
  if (!row || !row.role) return { granted: false, status: 404, reason: 'No such conversation.', missing: !row };
  const isOwner = row.owner_id === userId;
  const seen = { kind: row.kind, role: row.role, isOwner, sharedWithClass: row.shared_with_class, activityHidden: row.activity_hidden };
  // A private workspace or a template is, to anyone else, a conversation that does not exist.
  if (!conversationVisibleTo(seen)) return { granted: false, status: 404, reason: 'No such conversation.', missing: false };
  return {
    granted: true,
    classId: row.class_id,
    role: row.role,
    authorName: displayName({ name: row.name }),
    kind: row.kind,
    activityId: row.activity_id,
    ownerId: row.owner_id,
    mayAddTags: row.role === 'instructor' || !row.tags_locked,
    ...editPermission({ ...seen, locked: row.locked, annotateOnly: row.annotate_only, archived: row.archived, submissionStatus: row.submission_status }),
  };
}

/** How a person stands to a conversation, for who may see it. */
export interface ConversationViewer {
  kind: ConversationKind;
  role: MembershipRole;
  isOwner: boolean;
  sharedWithClass: boolean;
  /** Its activity is unpublished or not open yet (`activityOpenToStudentsSql`). */
  activityHidden?: boolean;
}

/**
 * Whether a member of the class may see a conversation: a class conversation, everyone
 * (a whole-class activity's, once the activity is open to students); an activity's template,
 * instructors; a workspace, its student and the instructors, and the whole class once its
 * student shares it (while the activity is open). Lists hold class conversations only
 * (`conversation-queries.ts`), with the same rule for activities.
 */
export function conversationVisibleTo(viewer: ConversationViewer): boolean {
  if (viewer.role === 'instructor') return true;
  if (viewer.kind === 'template') return false;
  // A student's own work stays theirs even if its activity is unpublished again.
  if (viewer.kind === 'workspace' && viewer.isOwner) return true;
  if (viewer.activityHidden) return false;
  return viewer.kind === 'conversation' || viewer.sharedWithClass;
}

/**
 * Whether the activity a conversation (aliased `c`) belongs to, if any, is open to students:
 * published, and its `opensAt` passed. A conversation of no activity is.
 */
export const activityOpenToStudentsSql = `(c.activity_id is null or exists (select 1 from activities a where a.id = c.activity_id and a.published and (a.opens_at is null or a.opens_at <= now())))`;
