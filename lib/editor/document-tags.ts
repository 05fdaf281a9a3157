import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';

/** A tag a new document starts with: the defaults, or a vocabulary's (with its group and place). */
export interface StartingTag {
  id: string;
  name: string;
  color: string;
  group?: string;
  position?: number;
}

/**
 * Adds tags to a document's `tags` root (docs/crdt.md), each under its id as
 * `{ name, color, group?, position? }`. Tags already there stay as they are, and a tag whose
 * name one of them has, whatever its case, is not added again.
 */
export function addTagsToDocument(doc: Y.Doc, tags: readonly StartingTag[]): void {
  const root = doc.getMap<Y.Map<unknown>>(documentLayout.tags);
  const names = new Set([...root.values()].map((entry) => String(entry.get('name') ?? '').toLowerCase()));
  doc.transact(() => {
    for (const tag of tags) {
      const name = tag.name.toLowerCase();
      if (names.has(name) || root.has(tag.id)) continue;
      names.add(name);
      const entry = new Y.Map<unknown>();
      entry.set('name', tag.name);
      entry.set('color', tag.color);
      if (tag.group !== undefined) entry.set('group', tag.group);
      if (tag.position !== undefined) entry.set('position', tag.position);
      root.set(tag.id, entry);
    }
  });
}
