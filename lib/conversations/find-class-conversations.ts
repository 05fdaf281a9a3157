import type { EntityManager, FilterObject } from '@mikro-orm/postgresql';
import type { Conversation } from '../../entities';
import { likePatternContaining } from '../db/like-pattern';
import { requireWellFormedId } from '../db/load-by-id';
import { InvalidError } from '../errors';
import { entityId } from '../field-schemas';
import type { ConversationSummary } from './conversation-schemas';
import { fetchConversationSummaries, selectConversationSummaries, toConversationSummary } from './conversation-summaries';

export interface ConversationFilter {
  /**
   * Keeps a conversation when it meets any of these: its title contains `titleContains`
   * (ignoring case), or `ownerId` owns it. Neither given: every conversation of the class.
   */
  matchAny?: { titleContains?: string; ownerId?: string };
  /** `false`: only open conversations; `true`: only locked ones; unset: both. */
  locked?: boolean;
}

export type ConversationOrder = 'newest' | 'oldest' | 'title';

const orderings = {
  newest: [{ updatedAt: 'desc' }, { id: 'desc' }],
  oldest: [{ updatedAt: 'asc' }, { id: 'asc' }],
  title: [{ title: 'asc' }, { id: 'asc' }],
} as const;

/** At most this many summaries come back: a filter is for finding, not for exporting. */
const FIND_LIMIT = 500;

/**
 * A class's conversations that pass the filter, in the given order:
 * `class = :classId AND (title ILIKE … OR owner = …) AND locked = …`.
 */
export async function findClassConversations(
  em: EntityManager,
  classId: string,
  filter: ConversationFilter = {},
  order: ConversationOrder = 'newest',
): Promise<ConversationSummary[]> {
  requireWellFormedId(classId, 'class');
  const select = selectConversationSummaries(em, classId);
  const { titleContains, ownerId } = filter.matchAny ?? {};
  if (ownerId !== undefined && !entityId().safeParse(ownerId).success) {
    throw new InvalidError('ownerId', 'ownerId must be an id (a UUID)');
  }
  const alternatives: FilterObject<Conversation>[] = [];
  if (titleContains) alternatives.push({ title: { $ilike: likePatternContaining(titleContains) } });
  if (ownerId) alternatives.push({ owner: ownerId });
  if (alternatives.length > 0) select.andWhere({ $or: alternatives });
  if (filter.locked !== undefined) select.andWhere({ locked: filter.locked });
  const rows = await fetchConversationSummaries(select.orderBy([...orderings[order]]).limit(FIND_LIMIT));
  return rows.map(toConversationSummary);
}
