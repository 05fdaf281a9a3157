import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { highlightRanges } from '@/lib/annotations/highlight-ranges';
import type { PresentationState } from '@/lib/sync/presentation-state';

/** Where the projector is: a turn (from 0) and the highlight under discussion, if any. */
export type ProjectorPosition = PresentationState;

/** A highlight the arrow keys stop at, with the turn it starts in. */
export interface HighlightStop {
  highlightId: string;
  turn: number;
}

export type ProjectorAction = 'next-turn' | 'previous-turn' | 'first-turn' | 'last-turn' | 'next-highlight' | 'previous-highlight' | 'leave';

/**
 * The projector's keys: down and up (also Page Down, Page Up, Space and Shift+Space) step
 * through turns, Home and End go to the first and last, right and left step through
 * highlights, Esc leaves. A key with Ctrl, Alt or Meta is the browser's.
 */
export function projectorAction(key: { key: string; shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean }): ProjectorAction | null {
  if (key.ctrlKey || key.altKey || key.metaKey) return null;
  switch (key.key) {
    case 'ArrowDown':
    case 'PageDown':
      return 'next-turn';
    case 'ArrowUp':
    case 'PageUp':
      return 'previous-turn';
    case ' ':
    case 'Spacebar':
      return key.shiftKey ? 'previous-turn' : 'next-turn';
    case 'Home':
      return 'first-turn';
    case 'End':
      return 'last-turn';
    case 'ArrowRight':
      return 'next-highlight';
    case 'ArrowLeft':
      return 'previous-highlight';
    case 'Escape':
    case 'Esc':
      return 'leave';
    default:
      return null;
  }
}

/** The highlights of a transcript in document order, each with the turn it starts in. */
export function highlightStops(doc: ProseMirrorNode): HighlightStop[] {
  return highlightRanges(doc).map((range) => ({ highlightId: range.highlightId, turn: doc.resolve(range.from).index(0) }));
}

/** The position of the turn at `index` in the document (its opening), or null past the end. */
export function turnPosition(doc: ProseMirrorNode, index: number): number | null {
  if (index < 0 || index >= doc.childCount) return null;
  let position = 0;
  for (let i = 0; i < index; i++) position += doc.child(i).nodeSize;
  return position;
}

function clampTurn(turn: number, turnCount: number): number {
  return Math.max(0, Math.min(turn, turnCount - 1));
}

/**
 * Where an action takes the projector. Stepping through turns ends any discussion; stepping
 * through highlights goes to the next (or previous) one in document order, or, when none is
 * under discussion, to the first one from the current turn on (the last one up to it), and
 * shows its turn. At either end it stays where it is.
 */
export function stepped(position: ProjectorPosition, action: Exclude<ProjectorAction, 'leave'>, turnCount: number, stops: HighlightStop[]): ProjectorPosition {
  const turn = clampTurn(position.turn, turnCount);
  switch (action) {
    case 'next-turn':
      return { turn: clampTurn(turn + 1, turnCount), highlightId: null };
    case 'previous-turn':
      return { turn: clampTurn(turn - 1, turnCount), highlightId: null };
    case 'first-turn':
      return { turn: 0, highlightId: null };
    case 'last-turn':
      return { turn: clampTurn(turnCount - 1, turnCount), highlightId: null };
    case 'next-highlight':
    case 'previous-highlight': {
      const forward = action === 'next-highlight';
      const index = stops.findIndex((stop) => stop.highlightId === position.highlightId);
      let next: HighlightStop | undefined;
      if (index >= 0) next = stops[forward ? index + 1 : index - 1];
      else if (forward) next = stops.find((stop) => stop.turn >= turn);
      else next = stops.findLast((stop) => stop.turn <= turn);
      return next ? { turn: clampTurn(next.turn, turnCount), highlightId: next.highlightId } : { turn, highlightId: position.highlightId };
    }
  }
}
