import { describe, expect, test } from 'vitest';
import { foldUnchanged, lineDifference, type LineChange } from './text-difference';

function sides(changes: LineChange[]) {
  return {
    before: changes.filter((change) => change.kind !== 'added').map((change) => change.text),
    after: changes.filter((change) => change.kind !== 'removed').map((change) => change.text),
  };
}

/** Length of the longest common subsequence, by the textbook table: the reference for small inputs. */
function longestCommonLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
    }
  }
  return table[a.length]![b.length]!;
}

function compared(before: string, after: string) {
  const difference = lineDifference(before, after);
  if (!difference.comparable) throw new Error(`not comparable: ${difference.reason}`);
  return difference;
}

describe('lineDifference', () => {
  test('marks a changed line as removed and its replacement as added, keeping the rest', () => {
    const difference = compared('User: Hi\n\nAssistant: Hello\nBye', 'User: Hi\n\nAssistant: Good day\nBye');
    expect(difference.changes).toEqual([
      { kind: 'same', text: 'User: Hi' },
      { kind: 'same', text: '' },
      { kind: 'removed', text: 'Assistant: Hello' },
      { kind: 'added', text: 'Assistant: Good day' },
      { kind: 'same', text: 'Bye' },
    ]);
    expect(difference).toMatchObject({ removed: 1, added: 1 });
  });

  test('an emptied text is every line removed; identical texts have no change', () => {
    expect(compared('one\ntwo\nthree', '')).toMatchObject({ removed: 3, added: 0 });
    expect(compared('', 'new')).toEqual({ comparable: true, changes: [{ kind: 'added', text: 'new' }], removed: 0, added: 1 });
    expect(compared('same\ntext', 'same\ntext')).toMatchObject({ removed: 0, added: 0 });
    expect(compared('', '')).toEqual({ comparable: true, changes: [], removed: 0, added: 0 });
  });

  test('finds the fewest changes: matches a reference LCS on random texts, and both texts read back', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 300; round += 1) {
      const line = () => ['a', 'b', 'c', 'd', ''][Math.floor(random() * 5)]!;
      const before = Array.from({ length: Math.floor(random() * 12) }, line);
      const after = Array.from({ length: Math.floor(random() * 12) }, line);
      const difference = compared(before.join('\n'), after.join('\n'));
      // An empty string is no line at all, so a lone '' line reads back as nothing.
      const expectBefore = before.length === 1 && before[0] === '' ? [] : before;
      const expectAfter = after.length === 1 && after[0] === '' ? [] : after;
      expect(sides(difference.changes)).toEqual({ before: expectBefore, after: expectAfter });
      expect(difference.removed + difference.added).toBe(expectBefore.length + expectAfter.length - 2 * longestCommonLength(expectBefore, expectAfter));
    }
  });

  test('a small edit in a text far over the line bound is still compared (shared start and end set aside)', () => {
    const lines = Array.from({ length: 50_000 }, (_, index) => `Line ${index}`);
    const edited = [...lines];
    edited[25_000] = 'Edited line';
    const difference = compared(lines.join('\n'), edited.join('\n'));
    expect(difference).toMatchObject({ removed: 1, added: 1 });
    expect(difference.changes.find((change) => change.kind === 'added')?.text).toBe('Edited line');
  });

  test('past the bounds it says so instead of comparing', () => {
    const bounds = { maxLines: 100, maxChangedLines: 10 };
    const many = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix} ${index}`).join('\n');
    expect(lineDifference(`start\n${many('old', 101)}`, `start\n${many('new', 5)}`, bounds)).toEqual({ comparable: false, reason: 'too-many-lines' });
    expect(lineDifference(many('old', 20), many('new', 20), bounds)).toEqual({ comparable: false, reason: 'too-many-changes' });
    // Within both bounds, the same shape is compared.
    expect(lineDifference(many('old', 5), many('new', 5), bounds)).toMatchObject({ comparable: true, removed: 5, added: 5 });
    // A wipe is one-sided and costs nothing, whatever its size.
    expect(lineDifference(many('old', 5_000), '', bounds)).toMatchObject({ comparable: true, removed: 5_000, added: 0 });
  });

  test('compares the default bounds’ worst case in well under a second', () => {
    // 10,000 lines each side, every twentieth one rewritten: 1,000 changes, exactly the bound.
    const before = Array.from({ length: 10_000 }, (_, index) => `Line ${index}`);
    const after = before.map((line, index) => (index % 20 === 0 ? `${line} changed` : line));
    const startedAt = performance.now();
    const difference = lineDifference(before.join('\n'), after.join('\n'));
    expect(difference).toMatchObject({ comparable: true, removed: 500, added: 500 });
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });
});

describe('foldUnchanged', () => {
  const same = (text: string): LineChange => ({ kind: 'same', text });
  test('keeps two lines of context around each change and counts the rest', () => {
    const changes: LineChange[] = [...'abcdefg'.split('').map(same), { kind: 'removed', text: 'x' }, ...'hijklmnop'.split('').map(same), { kind: 'added', text: 'y' }, same('q')];
    expect(foldUnchanged(changes)).toEqual([
      { kind: 'folded', count: 5 },
      same('f'),
      same('g'),
      { kind: 'removed', text: 'x' },
      same('h'),
      same('i'),
      { kind: 'folded', count: 5 },
      same('o'),
      same('p'),
      { kind: 'added', text: 'y' },
      same('q'),
    ]);
  });

  test('does not fold a stretch that would hide a single line, nor anything when nothing changed in it', () => {
    const changes: LineChange[] = [{ kind: 'removed', text: 'x' }, ...'abcde'.split('').map(same), { kind: 'added', text: 'y' }];
    expect(foldUnchanged(changes)).toEqual(changes);
    expect(foldUnchanged('abc'.split('').map(same))).toEqual([{ kind: 'folded', count: 3 }]);
  });
});
