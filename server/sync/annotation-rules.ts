import * as Y from 'yjs';
import { COMMENT_MAX_CHARACTERS, TAG_NAME_MAX_CHARACTERS } from '@/lib/annotations/annotation-document';
import { limits } from '@/lib/limits';
import { documentLayout } from '@/lib/sync/document-layout';
import type { Place, PlacedItem, Placement } from './update-placement';

/** Who is writing: the session's user, the name their annotations must carry, their role. */
export interface Writer {
  userId: string;
  name: string;
  isInstructor: boolean;
  /** False for a student where the tag vocabulary is locked. Default: true. */
  mayAddTags?: boolean;
}

/** The writer a connection's access makes. */
export function writerOf(userId: string, access: { authorName: string; role: string; mayAddTags: boolean }): Writer {
  return { userId, name: access.authorName, isInstructor: access.role === 'instructor', mayAddTags: access.mayAddTags };
}

/** An ISO 8601 time (`2026-12-02T10:00:00.000Z` is 24 characters) with room to spare. */
const TIME_MAX_CHARACTERS = 40;

/** The fields of a highlight record or a comment that name its author; set once, never changed. */
const authorFields = new Set(['authorId', 'authorName']);

/**
 * The annotation rights of the contract, checked on an update before it is applied
 * (docs/crdt.md has the layout):
 * - a highlight record (`annotations/<highlightId>`) or a comment (`…/comments/[i]`) is
 *   created only with the writer's own `authorId` and `authorName`;
 * - it is changed or deleted only by its author or an instructor, and its author fields
 *   never change; a record's `resolved` is a boolean and its `resolvedById`/`resolvedByName`
 *   are the writer's; the times `resolvedAt` and a comment's `editedAt` are short strings;
 * - a tag (`tags/<tagId>`) may be added by anyone, renamed, recoloured or deleted only by
 *   instructors.
 * Returns why the update is refused, or null. Anything under these roots that is not of
 * this shape is refused too: no honest client writes it.
 */
export function annotationRuleBroken(doc: Y.Doc, placement: Placement, writer: Writer): string | null {
  const annotations = doc.getMap<unknown>(documentLayout.annotations);
  const tags = doc.getMap<unknown>(documentLayout.tags);
  const ancestry = (placed: PlacedItem, place: Place): PlacedItem[] => {
    const chain: PlacedItem[] = [placed];
    let current = place;
    while (current.parent) {
      chain.unshift(current.parent);
      const resolution = placement.resolve(current.parent);
      if (resolution.kind === 'dead') break;
      current = resolution.place;
    }
    return chain;
  };
  const authorOf = (item: Y.Item): unknown => mapOf(item)?.get('authorId');
  const mayChange = (item: Y.Item) => writer.isInstructor || authorOf(item) === writer.userId;

  const newRecords: Y.Item[] = [];
  const newComments: Y.Item[] = [];
  const commentsAdded = new Map<Y.Item, number>();
  let newTags = 0;

  for (const { item, place } of placement.inserted) {
    if (place.root === documentLayout.annotations) {
      const chain = ancestry({ item, isNew: true }, place);
      if (place.depth === 1) {
        if (place.key === null || !isMapContent(item)) return 'A highlight record must be a map under its highlight id.';
        const current = liveEntry(annotations, place.key);
        if (current && !mayChange(current)) return 'Only its author or an instructor may change a highlight.';
        newRecords.push(item);
      } else if (place.depth === 2) {
        const record = chain[0]!;
        if (!record.isNew) {
          if (!mayChange(record.item)) return 'Only its author or an instructor may change a highlight.';
          if (place.key !== null && authorFields.has(place.key)) return 'The author of a highlight cannot be changed.';
        }
        const problem = resolutionFieldProblem(place.key, valueOf(item), writer);
        if (problem) return problem;
      } else if (place.depth === 3) {
        const list = chain[1]!;
        const listPlace = placement.resolve(list);
        if (listPlace.kind === 'dead' || listPlace.place.key !== 'comments' || place.key !== null || !isMapContent(item)) {
          return 'A comment must be a map in its highlight’s comments.';
        }
        newComments.push(item);
        if (!list.isNew) commentsAdded.set(list.item, (commentsAdded.get(list.item) ?? 0) + 1);
      } else if (place.depth === 4) {
        const comment = chain[2]!;
        if (!comment.isNew) {
          if (!mayChange(comment.item)) return 'Only its author or an instructor may change a comment.';
          if (place.key !== null && authorFields.has(place.key)) return 'The author of a comment cannot be changed.';
          if (place.key === 'text' && !withinLength(valueOf(item), COMMENT_MAX_CHARACTERS)) return `A comment can be at most ${COMMENT_MAX_CHARACTERS} characters.`;
        }
        if (place.key === 'editedAt' && !withinLength(valueOf(item), TIME_MAX_CHARACTERS)) return 'A comment’s edit time must be a date.';
      } else {
        return 'That is not part of a highlight or a comment.';
      }
    } else if (place.root === documentLayout.tags) {
      if (place.depth === 1) {
        if (place.key === null || !isMapContent(item)) return 'A tag must be a map under its tag id.';
        if (liveEntry(tags, place.key)) {
          if (!writer.isInstructor) return 'Only instructors may rename or recolour a tag.';
        } else {
          newTags++;
        }
      } else if (place.depth === 2) {
        if (!place.parent!.isNew && !writer.isInstructor) return 'Only instructors may rename or recolour a tag.';
        if (place.key === 'name' && !withinLength(valueOf(item), TAG_NAME_MAX_CHARACTERS)) return `A tag name can be at most ${TAG_NAME_MAX_CHARACTERS} characters.`;
      } else {
        return 'That is not part of a tag.';
      }
    }
  }

  for (const record of newRecords) {
    const problem = authorFieldsProblem(placement.childrenOfNew(record), writer, 'highlight');
    if (problem) return problem;
  }
  for (const comment of newComments) {
    const fields = placement.childrenOfNew(comment);
    const problem = authorFieldsProblem(fields, writer, 'comment');
    if (problem) return problem;
    const text = fields.find((field) => field.parentSub === 'text');
    if (text && !withinLength(valueOf(text), COMMENT_MAX_CHARACTERS)) return `A comment can be at most ${COMMENT_MAX_CHARACTERS} characters.`;
  }
  for (const [list, added] of commentsAdded) {
    const existing = list.content instanceof Y.ContentType ? (list.content.type as Y.Array<unknown>).length : 0;
    if (existing + added > limits.document.maxCommentsPerHighlight) return `A highlight can have at most ${limits.document.maxCommentsPerHighlight} comments.`;
  }
  if (newRecords.length > 0 && annotations.size + newRecords.length > limits.document.maxAnnotations) {
    return `A conversation can have at most ${limits.document.maxAnnotations} highlights.`;
  }
  if (newTags > 0 && writer.mayAddTags === false) return 'This workspace’s tags are fixed by its activity: pick one of them.';
  if (newTags > 0 && tags.size + newTags > limits.document.maxTags) return `A conversation can have at most ${limits.document.maxTags} tags.`;

  const deletedItems = new Set(placement.deleted.map((entry) => entry.item));
  for (const { item, place } of placement.deleted) {
    if (place.root === documentLayout.tags) {
      if (!writer.isInstructor) return 'Only instructors may delete a tag.';
      continue;
    }
    if (place.root !== documentLayout.annotations) continue;
    const chain = ancestry({ item, isNew: false }, place);
    const record = chain[0]!.item;
    const comment = chain.length >= 3 ? chain[2]!.item : undefined;
    // Deleting a highlight takes its fields and its whole thread with it.
    if (deletedItems.has(record) && mayChange(record)) continue;
    if (comment ? mayChange(comment) : mayChange(record)) continue;
    return comment ? 'Only its author or an instructor may delete a comment.' : 'Only its author or an instructor may delete a highlight.';
  }
  return null;
}

/**
 * A thread's resolution on its highlight record: `resolved` is a boolean, `resolvedAt` a
 * time, and `resolvedById`/`resolvedByName` name the writer (no one resolves in another's name).
 */
function resolutionFieldProblem(key: string | null, value: unknown, writer: Writer): string | null {
  if (key === 'resolved' && typeof value !== 'boolean') return 'Whether a thread is resolved must be true or false.';
  if (key === 'resolvedAt' && !withinLength(value, TIME_MAX_CHARACTERS)) return 'A thread’s resolution time must be a date.';
  if ((key === 'resolvedById' && value !== writer.userId) || (key === 'resolvedByName' && value !== writer.name)) return 'A thread can only be resolved in your own name.';
  return null;
}

function mapOf(item: Y.Item): Y.Map<unknown> | undefined {
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? (item.content.type as Y.Map<unknown>) : undefined;
}

function isMapContent(item: Y.Item): boolean {
  return item.content instanceof Y.ContentType && item.content.type instanceof Y.Map;
}

/** The item currently holding `key` in a root map, unless it is deleted. */
function liveEntry(map: Y.Map<unknown>, key: string): Y.Item | undefined {
  const item = map._map.get(key);
  return item && !item.deleted ? item : undefined;
}

/** The value a map entry sets (the last one, if several). */
function valueOf(item: Y.Item): unknown {
  if (item.content instanceof Y.ContentAny) return item.content.arr[item.content.arr.length - 1];
  return undefined;
}

function withinLength(value: unknown, max: number): boolean {
  return typeof value === 'string' && [...value].length <= max;
}

function authorFieldsProblem(fields: Y.Item[], writer: Writer, what: 'highlight' | 'comment'): string | null {
  const ids = fields.filter((field) => field.parentSub === 'authorId');
  const names = fields.filter((field) => field.parentSub === 'authorName');
  if (ids.length === 0 || names.length === 0) return `A ${what} must name its author.`;
  if (ids.some((field) => valueOf(field) !== writer.userId)) return `A ${what} can only be written in your own name.`;
  if (names.some((field) => valueOf(field) !== writer.name)) return `A ${what} can only be written in your own name.`;
  return null;
}
