import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { limits } from '@/lib/limits';

/** A comment on a highlight, as stored in the document. */
export interface AnnotationComment {
  id: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  text: string;
  /** When its author last changed its text; absent if never. */
  editedAt?: string;
}

/** Who closed a highlight's thread, and when. */
export interface Resolution {
  byId: string;
  byName: string;
  at: string;
}

export interface Annotation {
  highlightId: string;
  tagId: string;
  authorId: string;
  authorName: string;
  createdAt: string;
  comments: AnnotationComment[];
  /** Whether its thread is resolved: kept, shown collapsed, reopenable. */
  resolved: boolean;
  /** Who resolved it and when, while it is resolved (absent from a record resolved without them). */
  resolution?: Resolution;
}

export interface Tag {
  id: string;
  name: string;
  color: string;
}

export interface Author {
  id: string;
  name: string;
}

/** Comments and tag names are short; the document is shared by a whole class. */
export const COMMENT_MAX_CHARACTERS = limits.document.maxCommentCharacters;
export const TAG_NAME_MAX_CHARACTERS = limits.document.maxTagNameCharacters;

/**
 * The annotations and tags of a conversation document (`annotations`, `tags`; see
 * docs/crdt.md), read and changed through Yjs so every change syncs live like the text.
 * The highlight marks themselves live in the text; the editor applies and removes them.
 */
export class AnnotationDocument {
  private readonly annotations: Y.Map<Y.Map<unknown>>;
  private readonly tags: Y.Map<Y.Map<string>>;

  constructor(private readonly doc: Y.Doc) {
    this.annotations = doc.getMap(documentLayout.annotations);
    this.tags = doc.getMap(documentLayout.tags);
  }

  listTags(): Tag[] {
    return [...this.tags.entries()].map(([id, entry]) => ({ id, name: String(entry.get('name') ?? id), color: String(entry.get('color') ?? '#e5e7eb') }));
  }

  /** Adds a tag, or returns the existing one of the same name (ignoring case). */
  addTag(name: string, color: string): Tag {
    const trimmed = name.trim().slice(0, TAG_NAME_MAX_CHARACTERS);
    if (!trimmed) throw new Error('A tag needs a name.');
    const existing = this.listTags().find((tag) => tag.name.toLowerCase() === trimmed.toLowerCase());
    if (existing) return existing;
    const id = crypto.randomUUID();
    const entry = new Y.Map<string>();
    entry.set('name', trimmed);
    entry.set('color', color);
    this.tags.set(id, entry);
    return { id, name: trimmed, color };
  }

  /** Records a new highlight's annotation; the caller marks the text with the same id. */
  createAnnotation(highlightId: string, tagId: string, author: Author, now = new Date()): void {
    const entry = new Y.Map<unknown>();
    entry.set('tagId', tagId);
    entry.set('authorId', author.id);
    entry.set('authorName', author.name);
    entry.set('createdAt', now.toISOString());
    entry.set('comments', new Y.Array<Y.Map<string>>());
    this.annotations.set(highlightId, entry);
  }

  getAnnotation(highlightId: string): Annotation | undefined {
    const entry = this.annotations.get(highlightId);
    return entry ? toAnnotation(highlightId, entry) : undefined;
  }

  listAnnotations(): Map<string, Annotation> {
    return new Map([...this.annotations.entries()].map(([id, entry]) => [id, toAnnotation(id, entry)]));
  }

  setTag(highlightId: string, tagId: string): void {
    this.annotations.get(highlightId)?.set('tagId', tagId);
  }

  addComment(highlightId: string, text: string, author: Author, now = new Date()): AnnotationComment {
    const trimmed = checkedCommentText(text);
    const comments = this.annotations.get(highlightId)?.get('comments');
    if (!(comments instanceof Y.Array)) throw new Error('That highlight no longer exists.');
    const comment: AnnotationComment = { id: crypto.randomUUID(), authorId: author.id, authorName: author.name, createdAt: now.toISOString(), text: trimmed };
    const entry = new Y.Map<string>();
    for (const [key, value] of Object.entries(comment)) entry.set(key, value);
    comments.push([entry]);
    return comment;
  }

  /** Replaces a comment's text (its author's edit) and records when. */
  editComment(highlightId: string, commentId: string, text: string, now = new Date()): void {
    const trimmed = checkedCommentText(text);
    const entry = this.commentEntry(highlightId, commentId);
    if (!entry) throw new Error('That comment no longer exists.');
    if (entry.get('text') === trimmed) return;
    this.doc.transact(() => {
      entry.set('text', trimmed);
      entry.set('editedAt', now.toISOString());
    });
  }

  /** Resolves a highlight's thread (it stays, collapsed), or reopens it. */
  setResolved(highlightId: string, resolved: boolean, by: Author, now = new Date()): void {
    const entry = this.annotations.get(highlightId);
    if (!entry) throw new Error('That highlight no longer exists.');
    this.doc.transact(() => {
      entry.set('resolved', resolved);
      if (resolved) {
        entry.set('resolvedById', by.id);
        entry.set('resolvedByName', by.name);
        entry.set('resolvedAt', now.toISOString());
      } else {
        for (const key of ['resolvedById', 'resolvedByName', 'resolvedAt']) if (entry.has(key)) entry.delete(key);
      }
    });
  }

  private commentEntry(highlightId: string, commentId: string): Y.Map<string> | undefined {
    const comments = this.annotations.get(highlightId)?.get('comments');
    if (!(comments instanceof Y.Array)) return undefined;
    return (comments.toArray() as Array<Y.Map<string>>).find((entry) => entry.get('id') === commentId);
  }

  deleteComment(highlightId: string, commentId: string): void {
    const comments = this.annotations.get(highlightId)?.get('comments');
    if (!(comments instanceof Y.Array)) return;
    const index = (comments.toArray() as Array<Y.Map<string>>).findIndex((entry) => entry.get('id') === commentId);
    if (index >= 0) comments.delete(index, 1);
  }

  /** Forgets a highlight's annotation; the caller removes its marks from the text. */
  deleteAnnotation(highlightId: string): void {
    this.annotations.delete(highlightId);
  }

  /** Calls `listener` after any change to annotations or tags; returns the unsubscribe. */
  observe(listener: () => void): () => void {
    this.annotations.observeDeep(listener);
    this.tags.observeDeep(listener);
    return () => {
      this.annotations.unobserveDeep(listener);
      this.tags.unobserveDeep(listener);
    };
  }
}

/** A comment's text as stored: trimmed, not empty, within the bound; else why not. */
function checkedCommentText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new Error('A comment needs some text.');
  if ([...trimmed].length > COMMENT_MAX_CHARACTERS) throw new Error(`A comment can be at most ${COMMENT_MAX_CHARACTERS} characters.`);
  return trimmed;
}

/** Only its author edits a comment's text here (an instructor may delete it; the server allows instructors more). */
export function canEditText(comment: { authorId: string }, viewer: { id: string }): boolean {
  return comment.authorId === viewer.id;
}

/** A highlight's author or an instructor resolves and reopens its thread (the server's rule for changing its record). */
export function canResolve(annotation: { authorId: string }, viewer: { id: string; isInstructor: boolean }): boolean {
  return canDelete(annotation, viewer);
}

/** Authors may delete their own comments and highlights; instructors anyone's. */
export function canDelete(item: { authorId: string }, viewer: { id: string; isInstructor: boolean }): boolean {
  return viewer.isInstructor || item.authorId === viewer.id;
}

function toAnnotation(highlightId: string, entry: Y.Map<unknown>): Annotation {
  const comments = entry.get('comments');
  return {
    highlightId,
    tagId: String(entry.get('tagId') ?? ''),
    authorId: String(entry.get('authorId') ?? ''),
    authorName: String(entry.get('authorName') ?? ''),
    createdAt: String(entry.get('createdAt') ?? ''),
    comments:
      comments instanceof Y.Array
        ? (comments.toArray() as Array<Y.Map<unknown>>).map((comment) => {
            const editedAt = comment.get('editedAt');
            return {
              id: String(comment.get('id') ?? ''),
              authorId: String(comment.get('authorId') ?? ''),
              authorName: String(comment.get('authorName') ?? ''),
              createdAt: String(comment.get('createdAt') ?? ''),
              text: String(comment.get('text') ?? ''),
              ...(typeof editedAt === 'string' ? { editedAt } : {}),
            };
          })
        : [],
    resolved: entry.get('resolved') === true,
    ...resolutionOf(entry),
  };
}

function resolutionOf(entry: Y.Map<unknown>): { resolution?: Resolution } {
  if (entry.get('resolved') !== true) return {};
  const [byId, byName, at] = ['resolvedById', 'resolvedByName', 'resolvedAt'].map((key) => entry.get(key));
  return typeof byId === 'string' && typeof byName === 'string' && typeof at === 'string' ? { resolution: { byId, byName, at } } : {};
}
