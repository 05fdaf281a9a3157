import { describe, expect, test } from 'vitest';
import { layoutLines, type LaidLine, type StyledRun } from './pdf-line-layout';

const plain = { name: 'plain' };
const bold = { name: 'bold' };
const superscript = { name: 'superscript' };
type Style = { name: string };

/** Every character one unit wide, counting the calls. */
function counter() {
  const counts = { calls: 0, characters: 0 };
  const measure = (text: string) => {
    counts.calls += 1;
    counts.characters += text.length;
    return Array.from(text).length;
  };
  return { counts, measure };
}

const texts = (lines: Array<LaidLine<Style>>) => lines.map((line) => line.fragments.map((fragment) => fragment.text).join(''));
const run = (text: string, style: Style = plain): StyledRun<Style> => ({ text, style });

describe('layoutLines', () => {
  test('breaks at spaces so no line is wider than the width, dropping the space at the break', () => {
    const { measure } = counter();
    const lines = layoutLines([[run('the quick brown fox jumps over the lazy dog')]], 15, measure);
    expect(texts(lines)).toEqual(['the quick brown', 'fox jumps over', 'the lazy dog']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(15);
  });

  test('keeps each given line (a hard break) as a line of its own, an empty one included', () => {
    const { measure } = counter();
    expect(texts(layoutLines([[run('one')], [], [run('two')]], 40, measure))).toEqual(['one', '', 'two']);
  });

  test('runs join into fragments by style, each placed where the previous one ends', () => {
    const { measure } = counter();
    const [line] = layoutLines([[run('a '), run('bold', bold), run(' b')]], 40, measure);
    expect(line?.fragments).toEqual([
      { text: 'a ', style: plain, x: 0, width: 2 },
      { text: 'bold', style: bold, x: 2, width: 4 },
      { text: ' b', style: plain, x: 6, width: 2 },
    ]);
  });

  test('a word and the footnote number after it stay on one line', () => {
    const { measure } = counter();
    const lines = layoutLines([[run('aaaa bbbbb'), run('12', superscript)]], 10, measure);
    expect(texts(lines)).toEqual(['aaaa', 'bbbbb12']);
  });

  test('a word wider than a line is cut at the width; code keeps its leading spaces', () => {
    const { measure } = counter();
    expect(texts(layoutLines([[run('ab abcdefghijkl')]], 5, measure))).toEqual(['ab ab', 'cdefg', 'hijkl']);
    expect(texts(layoutLines([[run('    indented')]], 40, measure, { preserveLeadingSpaces: true }))).toEqual(['    indented']);
    expect(texts(layoutLines([[run('    indented')]], 40, measure))).toEqual(['indented']);
  });

  test('cutting keeps characters whole: astral characters and surrogate pairs are never split', () => {
    const { measure } = counter();
    const lines = layoutLines([[run('😀'.repeat(30))]], 7, measure);
    expect(lines.every((line) => texts([line])[0]?.isWellFormed())).toBe(true);
    expect(texts(lines).join('')).toBe('😀'.repeat(30));
  });

  test('the work grows with the text: each word measured once, a word with no spaces in slices', () => {
    const prose = counter();
    const words = Array.from({ length: 20_000 }, (_, index) => `word${index}`);
    layoutLines([[run(words.join(' '))]], 60, prose.measure);
    // Each word once, and one run of spaces per gap.
    expect(prose.counts.calls).toBeLessThanOrEqual(2 * words.length);

    const unbroken = counter();
    const text = 'x'.repeat(1_000_000);
    const lines = layoutLines([[run(text)]], 60, unbroken.measure);
    expect(unbroken.counts.characters).toBe(text.length);
    expect(unbroken.counts.calls).toBeLessThanOrEqual(text.length / 40);
    expect(texts(lines).join('')).toBe(text);

    // Narrower than a slice (a deep list on a narrow page): slices are cut, each character measured once more at most.
    const narrow = counter();
    layoutLines([[run(text)]], 10, narrow.measure);
    expect(narrow.counts.characters).toBeLessThanOrEqual(2 * text.length);
  });
});
