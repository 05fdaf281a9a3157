import { getSchema } from '@tiptap/core';
import { describe, expect, test } from 'vitest';
import { transcriptExtensions } from '@/lib/editor/transcript-extensions';
import { highlightStops, projectorAction, stepped, turnPosition, type HighlightStop } from './projector-steps';

const schema = getSchema(transcriptExtensions());

function turn(...texts: Array<[string, string[]?]>) {
  const children = texts.map(([value, ids = []]) => schema.text(value, ids.map((highlightId) => schema.marks.highlight!.create({ highlightId }))));
  return schema.nodes.turn!.create({ role: 'user' }, [schema.nodes.paragraph!.create(null, children)]);
}

describe('projectorAction', () => {
  test('maps the projector keys, and leaves keys with modifiers to the browser', () => {
    expect(['ArrowDown', 'PageDown', ' '].map((key) => projectorAction({ key }))).toEqual(['next-turn', 'next-turn', 'next-turn']);
    expect(['ArrowUp', 'PageUp'].map((key) => projectorAction({ key }))).toEqual(['previous-turn', 'previous-turn']);
    expect(projectorAction({ key: ' ', shiftKey: true })).toBe('previous-turn');
    expect(projectorAction({ key: 'Home' })).toBe('first-turn');
    expect(projectorAction({ key: 'End' })).toBe('last-turn');
    expect(projectorAction({ key: 'ArrowRight' })).toBe('next-highlight');
    expect(projectorAction({ key: 'ArrowLeft' })).toBe('previous-highlight');
    expect(projectorAction({ key: 'Escape' })).toBe('leave');
    expect(projectorAction({ key: 'ArrowDown', ctrlKey: true })).toBeNull();
    expect(projectorAction({ key: 'ArrowLeft', altKey: true })).toBeNull();
    expect(projectorAction({ key: 'a' })).toBeNull();
  });
});

describe('stepped', () => {
  const stops: HighlightStop[] = [
    { highlightId: 'a', turn: 1 },
    { highlightId: 'b', turn: 1 },
    { highlightId: 'c', turn: 3 },
  ];

  test('turns step by one within the transcript, Home and End go to its ends, and any discussion ends', () => {
    expect(stepped({ turn: 0, highlightId: null }, 'next-turn', 5, stops)).toEqual({ turn: 1, highlightId: null });
    expect(stepped({ turn: 1, highlightId: 'a' }, 'next-turn', 5, stops)).toEqual({ turn: 2, highlightId: null });
    expect(stepped({ turn: 4, highlightId: null }, 'next-turn', 5, stops)).toEqual({ turn: 4, highlightId: null });
    expect(stepped({ turn: 0, highlightId: null }, 'previous-turn', 5, stops)).toEqual({ turn: 0, highlightId: null });
    expect(stepped({ turn: 3, highlightId: null }, 'first-turn', 5, stops)).toEqual({ turn: 0, highlightId: null });
    expect(stepped({ turn: 0, highlightId: null }, 'last-turn', 5, stops)).toEqual({ turn: 4, highlightId: null });
    // A turn past the end (the text shrank meanwhile) counts as the last one.
    expect(stepped({ turn: 9, highlightId: null }, 'previous-turn', 5, stops)).toEqual({ turn: 3, highlightId: null });
  });

  test('highlights step in document order and show their turn; at the ends the position stays', () => {
    expect(stepped({ turn: 0, highlightId: null }, 'next-highlight', 5, stops)).toEqual({ turn: 1, highlightId: 'a' });
    expect(stepped({ turn: 1, highlightId: 'a' }, 'next-highlight', 5, stops)).toEqual({ turn: 1, highlightId: 'b' });
    expect(stepped({ turn: 1, highlightId: 'b' }, 'next-highlight', 5, stops)).toEqual({ turn: 3, highlightId: 'c' });
    expect(stepped({ turn: 3, highlightId: 'c' }, 'next-highlight', 5, stops)).toEqual({ turn: 3, highlightId: 'c' });
    expect(stepped({ turn: 3, highlightId: 'c' }, 'previous-highlight', 5, stops)).toEqual({ turn: 1, highlightId: 'b' });
    expect(stepped({ turn: 1, highlightId: 'a' }, 'previous-highlight', 5, stops)).toEqual({ turn: 1, highlightId: 'a' });
  });

  test('with no highlight under discussion, right takes the first from the current turn on, left the last up to it', () => {
    expect(stepped({ turn: 2, highlightId: null }, 'next-highlight', 5, stops)).toEqual({ turn: 3, highlightId: 'c' });
    expect(stepped({ turn: 2, highlightId: null }, 'previous-highlight', 5, stops)).toEqual({ turn: 1, highlightId: 'b' });
    expect(stepped({ turn: 4, highlightId: null }, 'next-highlight', 5, stops)).toEqual({ turn: 4, highlightId: null });
    expect(stepped({ turn: 0, highlightId: null }, 'previous-highlight', 5, stops)).toEqual({ turn: 0, highlightId: null });
    // A highlight deleted while under discussion counts as none.
    expect(stepped({ turn: 2, highlightId: 'gone' }, 'next-highlight', 5, stops)).toEqual({ turn: 3, highlightId: 'c' });
    expect(stepped({ turn: 0, highlightId: null }, 'next-highlight', 1, [])).toEqual({ turn: 0, highlightId: null });
  });
});

describe('reading the transcript', () => {
  const doc = schema.nodes.doc!.create(null, [turn(['Hello there']), turn(['plain '], ['first', ['x']], [' and '], ['second', ['y']]), turn(['third', ['z', 'x']])]);

  test('lists highlights in document order with the turn each starts in', () => {
    expect(highlightStops(doc)).toEqual([
      { highlightId: 'x', turn: 1 },
      { highlightId: 'y', turn: 1 },
      { highlightId: 'z', turn: 2 },
    ]);
  });

  test('finds where each turn opens, and nothing past the last', () => {
    expect(turnPosition(doc, 0)).toBe(0);
    expect(doc.nodeAt(turnPosition(doc, 1)!)?.textContent).toBe('plain first and second');
    expect(doc.nodeAt(turnPosition(doc, 2)!)?.textContent).toBe('third');
    expect(turnPosition(doc, 3)).toBeNull();
    expect(turnPosition(doc, -1)).toBeNull();
  });
});
