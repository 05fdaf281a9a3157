import { inVocabularyOrder } from './vocabulary-schemas';

interface GroupedTag {
  id: string;
  name: string;
  group: string;
  position: number;
}

export interface TagGroup<Tag extends GroupedTag> {
  /** The heading; `''` for tags in no group. */
  group: string;
  tags: Tag[];
}

/**
 * A vocabulary as people read it: its groups in the order of their first tag, each with its
 * tags in order. Groups match whatever their case and spacing ("accuracy" is "Accuracy"),
 * under the name their first tag gives.
 */
export function groupVocabulary<Tag extends GroupedTag>(tags: readonly Tag[]): TagGroup<Tag>[] {
  const groups = new Map<string, TagGroup<Tag>>();
  for (const tag of inVocabularyOrder(tags)) {
    const key = tag.group.trim().toLowerCase();
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { group: tag.group.trim(), tags: [] }));
    entry.tags.push(tag);
  }
  return [...groups.values()];
}

/**
 * The order of every tag after moving one up or down within its group (as listed by
 * `groupVocabulary`), for `reorderVocabulary`; null when it is already first or last there.
 */
export function orderAfterMove<Tag extends GroupedTag>(tags: readonly Tag[], tagId: string, direction: 'up' | 'down'): string[] | null {
  const groups = groupVocabulary(tags);
  for (const { tags: inGroup } of groups) {
    const index = inGroup.findIndex((tag) => tag.id === tagId);
    if (index < 0) continue;
    const other = direction === 'up' ? index - 1 : index + 1;
    if (other < 0 || other >= inGroup.length) return null;
    [inGroup[index], inGroup[other]] = [inGroup[other]!, inGroup[index]!];
    return groups.flatMap((group) => group.tags.map((tag) => tag.id));
  }
  return null;
}
