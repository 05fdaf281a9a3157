import { describe, expect, test } from 'vitest';
import { marginLayout, type MarginCard } from './margin-layout';

const card = (id: string, markTop: number, height = 100): MarginCard => ({ id, markTop, height });
const layout = (cards: MarginCard[], selectedId: string | null = null) => Object.fromEntries(marginLayout(cards, selectedId, 10));

/** No two cards share any height of the column. */
function expectNoOverlap(cards: MarginCard[], tops: Record<string, number>): void {
  const spans = cards.map((c) => ({ top: tops[c.id]!, bottom: tops[c.id]! + c.height })).sort((a, b) => a.top - b.top);
  for (let index = 1; index < spans.length; index++) expect(spans[index]!.top).toBeGreaterThanOrEqual(spans[index - 1]!.bottom);
}

describe('marginLayout', () => {
  test('cards far apart sit beside their passages', () => {
    expect(layout([card('a', 40), card('b', 600)])).toEqual({ a: 40, b: 600 });
  });

  test('cards of close passages stack in passage order, a gap apart, whatever order they are given in', () => {
    const cards = [card('b', 60, 50), card('a', 50, 120), card('c', 70, 30)];
    expect(layout(cards)).toEqual({ a: 50, b: 180, c: 240 });
    expectNoOverlap(cards, layout(cards));
  });

  test('a card is never above the column', () => {
    expect(layout([card('a', -30)])).toEqual({ a: 0 });
  });

  test('the selected card aligns with its passage and the ones before it move up out of its way', () => {
    const cards = [card('a', 300), card('b', 320), card('c', 340)];
    const tops = layout(cards, 'b');
    expect(tops).toEqual({ a: 210, b: 320, c: 430 });
    expectNoOverlap(cards, tops);
  });

  test('without room above for the cards before it, the selected card moves down as little as the stack needs', () => {
    const cards = [card('a', 0), card('b', 50)];
    expect(layout(cards, 'b')).toEqual({ a: 0, b: 110 });
  });

  test('an unknown selected id lays out as if nothing were selected', () => {
    expect(layout([card('a', 10), card('b', 20)], 'gone')).toEqual({ a: 10, b: 120 });
  });

  test('many cards at the same height never overlap, selected or not', () => {
    const cards = Array.from({ length: 12 }, (_, index) => card(`c${index}`, 500, 40 + index));
    expectNoOverlap(cards, layout(cards));
    const selected = layout(cards, 'c6');
    expectNoOverlap(cards, selected);
    expect(selected.c6).toBe(500);
  });
});
