import { describe, expect, test } from 'vitest';
import { groupVocabulary, orderAfterMove } from './vocabulary-groups';

const tag = (id: string, group: string, position: number) => ({ id, name: id, group, position });
const tags = [tag('c', 'Accuracy', 2), tag('a', '', 0), tag('b', 'accuracy ', 1), tag('d', 'Style', 3), tag('e', '', 4)];

describe('groupVocabulary', () => {
  test('lists groups in the order of their first tag, matching case and spacing, tags in order', () => {
    expect(groupVocabulary(tags).map((group) => [group.group, group.tags.map((t) => t.id)])).toEqual([
      ['', ['a', 'e']],
      ['accuracy', ['b', 'c']],
      ['Style', ['d']],
    ]);
  });
});

describe('orderAfterMove', () => {
  test('swaps a tag with its neighbour in its group and gives the whole order as listed', () => {
    expect(orderAfterMove(tags, 'c', 'up')).toEqual(['a', 'e', 'c', 'b', 'd']);
    expect(orderAfterMove(tags, 'a', 'down')).toEqual(['e', 'a', 'b', 'c', 'd']);
  });

  test('is null at the edge of a group, or for a tag it does not have', () => {
    expect(orderAfterMove(tags, 'b', 'up')).toBeNull();
    expect(orderAfterMove(tags, 'd', 'down')).toBeNull();
    expect(orderAfterMove(tags, 'zz', 'up')).toBeNull();
  });
});
