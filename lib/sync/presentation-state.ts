import { limits } from '@/lib/limits';

/**
 * What a presenting instructor shares through awareness (the `presenting` field): the turn
 * on the projector, counted from 0 among the transcript's turns, and the highlight under
 * discussion. A turn, not a scroll position: every screen lays the transcript out
 * differently, but the fifth turn is the fifth turn everywhere.
 */
export interface PresentationState {
  turn: number;
  highlightId: string | null;
}

/** A highlight id is a map key (a UUID from the page); anything this long is not one. */
const maxHighlightIdLength = 128;

/**
 * The presentation in `value`, or null for "stopped presenting", or undefined when it is
 * not one (the wrong shape, a negative, fractional or impossible turn: no document has more
 * turns than `maxElements` elements). The server keeps only what this accepts; the page reads
 * others' states with it too.
 */
export function presentationStateOf(value: unknown): PresentationState | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { turn, highlightId } = value as { turn?: unknown; highlightId?: unknown };
  if (typeof turn !== 'number' || !Number.isSafeInteger(turn) || turn < 0 || turn >= limits.document.maxElements) return undefined;
  if (highlightId !== null && (typeof highlightId !== 'string' || highlightId.length === 0 || highlightId.length > maxHighlightIdLength)) return undefined;
  return { turn, highlightId };
}
