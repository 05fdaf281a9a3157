/** One card in the margin: where its passage starts and how tall the card is (pixels). */
export interface MarginCard {
  id: string;
  /** The top of the highlight's first mark, relative to the margin column. */
  markTop: number;
  height: number;
}

/** The space kept between two stacked cards, in pixels. */
export const MARGIN_CARD_GAP = 8;

/**
 * Where each card goes in the margin (its top, relative to the column): beside its passage,
 * pushed down when an earlier card is in the way, never overlapping another and never above
 * the column. The selected card, when there is one, sits exactly beside its passage and the
 * cards before it move up out of its way (as in Google Docs); only when there is no room
 * above for them does it move down too.
 */
export function marginLayout(cards: readonly MarginCard[], selectedId: string | null, gap = MARGIN_CARD_GAP): Map<string, number> {
  const ordered = cards.map((card, index) => ({ card, index })).sort((a, b) => a.card.markTop - b.card.markTop || a.index - b.index).map(({ card }) => card);
  const selected = selectedId === null ? -1 : ordered.findIndex((card) => card.id === selectedId);
  if (selected >= 0) {
    const aligned = alignedOn(ordered, selected, gap);
    if (aligned) return aligned;
  }
  return stackedDown(ordered, 0, ordered.length, 0, gap, new Map());
}

/** Each card at its passage or just below the one before it, from `start`, none above `floor`. */
function stackedDown(cards: readonly MarginCard[], start: number, end: number, floor: number, gap: number, tops: Map<string, number>): Map<string, number> {
  let nextFree = floor;
  for (let index = start; index < end; index++) {
    const card = cards[index]!;
    const top = Math.max(card.markTop, nextFree);
    tops.set(card.id, top);
    nextFree = top + card.height + gap;
  }
  return tops;
}

/** The selected card at its passage, the ones above moved up, the ones below pushed down; null if those above do not fit. */
function alignedOn(cards: readonly MarginCard[], selected: number, gap: number): Map<string, number> | null {
  const tops = new Map<string, number>();
  const anchor = cards[selected]!;
  const anchorTop = Math.max(0, anchor.markTop);
  tops.set(anchor.id, anchorTop);
  let ceiling = anchorTop - gap;
  for (let index = selected - 1; index >= 0; index--) {
    const card = cards[index]!;
    const top = Math.min(Math.max(card.markTop, 0), ceiling - card.height);
    if (top < 0) return null;
    tops.set(card.id, top);
    ceiling = top - gap;
  }
  return stackedDown(cards, selected + 1, cards.length, anchorTop + anchor.height + gap, gap, tops);
}
