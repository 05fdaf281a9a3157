import type { EntityManager, PostgreSqlConnection } from '@mikro-orm/postgresql';
import type pg from 'pg';
import * as Y from 'yjs';
import { Conversation, ConversationVersion, User } from '@/entities';
import { assertClassNotArchived } from '@/lib/classes/class-access';
import { requireConversationMember, type ConversationMemberAccess } from '@/lib/conversations/conversation-access';
import { requireWellFormedId } from '@/lib/db/load-by-id';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import { toTimestamp } from '@/lib/field-schemas';
import { parseInput } from '@/lib/parse-input';
import { documentPlainText } from '@/lib/sync/document-text';
import { liveDocuments } from '@/lib/sync/live-documents';
import { displayName } from '@/lib/users/display-name';
import {
  decodeVersionCursor,
  encodeVersionCursor,
  versionCreateSchema,
  versionListQuerySchema,
  type KeptVersionRead,
  type VersionDetail,
  type VersionListQuery,
  type VersionPage,
  type VersionSummary,
} from './version-schemas';
import { PostgresVersionStore } from './version-store';

/*
 * The versions API (CONTRACT.md, "Versions"). Reading is for every member who may read the
 * conversation; saving and restoring for its owner and the class's instructors. Anyone else
 * gets the conversation's `NotFoundError`, as for one that does not exist. Saving and
 * restoring happen in the live room (lib/sync/live-documents.ts), so open pages see them.
 */

const summaryFields = ['id', 'createdAt', 'reason', 'label', 'authorIds', 'position'] as const;

/** What a summary reads of a version row (none of its bytes). */
type VersionRow = Pick<ConversationVersion, (typeof summaryFields)[number]>;

/** A page of the conversation's versions, newest first. */
export async function listConversationVersions(em: EntityManager, userId: string, conversationId: string, query: VersionListQuery = {}): Promise<VersionPage> {
  const { limit, cursor } = parseInput(versionListQuerySchema, query);
  const before = cursor === undefined ? undefined : decodeVersionCursor(cursor);
  const { conversation } = requireHistoryReader(await requireConversationMember(em, userId, conversationId));
  const rows = await em.find(
    ConversationVersion,
    { conversation: conversation.id, ...(before === undefined ? {} : { position: { $lt: before } }) },
    { fields: summaryFields, orderBy: { position: 'desc' }, limit: limit + 1 },
  );
  const page = rows.slice(0, limit);
  const names = await authorNames(em, page);
  const last = page.at(-1);
  return {
    items: page.map((row) => toVersionSummary(row, names)),
    nextCursor: rows.length > limit && last ? encodeVersionCursor(last.position) : null,
  };
}

/** One version with its plain text, derived from its document. */
export async function getConversationVersion(em: EntityManager, userId: string, conversationId: string, versionId: string): Promise<VersionDetail> {
  const { conversation } = requireHistoryReader(await requireConversationMember(em, userId, conversationId));
  requireWellFormedId(versionId, 'version');
  const row = await em.findOne(ConversationVersion, { id: versionId, conversation: conversation.id }, { fields: summaryFields });
  if (!row) throw new NotFoundError('version');
  const stored = await new PostgresVersionStore(await poolOf(em)).documentAt(conversation.id, versionId);
  if (!stored) throw new NotFoundError('version');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, stored);
    return { ...toVersionSummary(row, await authorNames(em, [row])), rawText: documentPlainText(doc) };
  } finally {
    doc.destroy();
  }
}

/** Keeps a version of the document as it is now (`201`). */
export async function keepConversationVersion(em: EntityManager, userId: string, conversationId: string, input: unknown): Promise<KeptVersionRead> {
  const { label } = parseInput(versionCreateSchema, input);
  const access = await requireConversationMember(em, userId, conversationId);
  requireOwnerOrInstructor(access, 'save a version of');
  assertClassNotArchived(access.conversation.class);
  const kept = await inLiveRoom(em, conversationId, () => liveDocuments().keepVersion(conversationId, { userId, ...(label ? { label } : {}) }));
  return { id: kept.id, createdAt: kept.createdAt, reason: 'manual' };
}

/**
 * Makes the live document that version again, as a change by the caller that open pages
 * receive at once; the state before is kept as a `restore` version first. Changing the
 * document needs the right to change its text now (not locked or annotate-only for a student,
 * not submitted work, class not archived).
 */
export async function restoreConversationVersion(em: EntityManager, userId: string, conversationId: string, versionId: string): Promise<{ id: string }> {
  const access = await requireConversationMember(em, userId, conversationId);
  requireWellFormedId(versionId, 'version');
  requireOwnerOrInstructor(access, 'restore a version of');
  assertClassNotArchived(access.conversation.class);
  // A restore rewrites the text: not while it is frozen for the caller (annotate-only).
  if (!access.canChangeText) throw new ForbiddenError(access.readOnlyReason);
  const restored = await inLiveRoom(em, conversationId, () => liveDocuments().restoreVersion(conversationId, versionId, userId));
  if (!restored) throw new NotFoundError('version');
  if ('refused' in restored) throw new ConflictError(restored.refused);
  return { id: restored.id };
}

/**
 * Who reads a conversation's history: whoever may read it, except a classmate on a shared
 * workspace (what its student deleted before sharing stays theirs and the instructors').
 */
function requireHistoryReader(access: ConversationMemberAccess): ConversationMemberAccess {
  if (access.kind === 'workspace' && !access.isOwner && access.role !== 'instructor') {
    throw new ForbiddenError('A workspace’s history is for its student and the instructors; its current text is shared.');
  }
  return access;
}

function requireOwnerOrInstructor(access: ConversationMemberAccess, doing: string): void {
  if (!access.isOwner && access.role !== 'instructor') throw new ForbiddenError(`Only its owner or an instructor can ${doing} a conversation.`);
}

/** Runs a live-room operation; a conversation deleted meanwhile is not found rather than a failure. */
async function inLiveRoom<T>(em: EntityManager, conversationId: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    const still = await em.fork().count(Conversation, { id: conversationId, deletedAt: null });
    if (still === 0) throw new NotFoundError('conversation');
    throw error;
  }
}

async function authorNames(em: EntityManager, rows: VersionRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => row.authorIds))];
  if (ids.length === 0) return new Map();
  const users = await em.find(User, { id: { $in: ids } }, { fields: ['id', 'name'] });
  return new Map(users.map((user) => [user.id, displayName(user)]));
}

function toVersionSummary(row: VersionRow, names: Map<string, string>): VersionSummary {
  return {
    id: row.id,
    createdAt: toTimestamp(row.createdAt),
    reason: row.reason,
    label: row.label ?? null,
    authors: row.authorIds.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ userId: id, name }];
    }),
  };
}

async function poolOf(em: EntityManager): Promise<pg.Pool> {
  return (await (em.getConnection() as PostgreSqlConnection).getNativeClient()) as unknown as pg.Pool;
}
