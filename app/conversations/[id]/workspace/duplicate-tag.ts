import { TAG_NAME_MAX_CHARACTERS, type Tag } from '@/lib/annotations/annotation-document';

/**
 * Why a new tag named `name` would not be added: one with that name in any letter case exists
 * (the document then keeps the existing tag). Null when the name is new.
 */
export function duplicateTagMessage(tags: Tag[], name: string): string | null {
  const wanted = name.trim().slice(0, TAG_NAME_MAX_CHARACTERS).toLowerCase();
  const existing = wanted ? tags.find((tag) => tag.name.toLowerCase() === wanted) : undefined;
  return existing ? `A tag named “${existing.name}” already exists.` : null;
}
