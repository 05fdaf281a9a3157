'use client';

import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { highlightStops, stepped, turnPosition, type ProjectorAction } from './projector-steps';
import type { PresenceUser } from './use-presence';

interface PresentationOptions {
  provider: WebsocketProvider | undefined;
  people: PresenceUser[];
  /** The workspace's transcript editor: its document is what the projector steps through. */
  editor: Editor | null;
  /** The highlight under discussion (the workspace's focused highlight). */
  focusedId: string | null;
  onFocus: (highlightId: string | null) => void;
}

/** The element of the transcript's turn at `index` in the editor (the last one past the end). */
function turnElement(editor: Editor, index: number): HTMLElement | null {
  const { doc } = editor.state;
  if (doc.childCount === 0) return null;
  const position = turnPosition(doc, Math.min(index, doc.childCount - 1));
  const element = position === null ? null : editor.view.nodeDOM(position);
  return element instanceof HTMLElement ? element : null;
}

/** The first turn still on screen in the workspace: where presenting starts. */
function firstTurnOnScreen(editor: Editor): number {
  for (let index = 0; index < editor.state.doc.childCount; index++) {
    const element = turnElement(editor, index);
    if (element && element.getBoundingClientRect().bottom > 0) return index;
  }
  return 0;
}

const reducedMotion = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Scrolls the page so that a follower sees the presented turn's start near the top. */
function scrollPageTo(element: HTMLElement): void {
  const top = element.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.15;
  window.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? 'auto' : 'smooth' });
}

/**
 * Presentation mode. The presenting instructor's projector shows one turn and, at times, a
 * highlight under discussion; both go out through awareness (`presenting: {turn,
 * highlightId}`, see `presentationStateOf`), and everyone else's page follows them (unless
 * they untick "Follow along"): the page scrolls to that turn, the highlight is selected.
 */
export function usePresentation({ provider, people, editor, focusedId, onFocus }: PresentationOptions) {
  const [presenting, setPresenting] = useState(false);
  const [turn, setTurn] = useState(0);
  const [following, setFollowing] = useState(true);
  const presentButton = useRef<HTMLButtonElement | null>(null);
  const presenter = people.find((person) => !person.isSelf && person.presenting && person.role === 'instructor');
  const lastFollowedHighlight = useRef<string | null>(null);

  const start = useCallback(() => {
    if (editor) {
      const stops = highlightStops(editor.state.doc);
      const discussed = stops.find((stop) => stop.highlightId === focusedId);
      setTurn(discussed ? discussed.turn : firstTurnOnScreen(editor));
      if (focusedId && !discussed) onFocus(null);
    }
    setPresenting(true);
  }, [editor, focusedId, onFocus]);

  const stop = useCallback(() => {
    setPresenting(false);
    provider?.awareness.setLocalStateField('presenting', null);
  }, [provider]);

  /** Moves the projector (a key pressed there): another turn, another highlight. */
  const step = useCallback(
    (action: Exclude<ProjectorAction, 'leave'>) => {
      if (!editor) return;
      const { doc } = editor.state;
      const next = stepped({ turn, highlightId: focusedId }, action, doc.childCount, highlightStops(doc));
      setTurn(next.turn);
      if (next.highlightId !== focusedId) onFocus(next.highlightId);
    },
    [editor, turn, focusedId, onFocus],
  );

  // The presenter: what the projector shows goes out to the class.
  useEffect(() => {
    if (!provider || !presenting) return;
    provider.awareness.setLocalStateField('presenting', { turn, highlightId: focusedId });
  }, [provider, presenting, turn, focusedId]);

  // Back in the workspace, focus returns to the button that started presenting.
  const wasPresenting = useRef(false);
  useEffect(() => {
    if (wasPresenting.current && !presenting) presentButton.current?.focus();
    wasPresenting.current = presenting;
  }, [presenting]);

  // Followers: go where the presenter is. A highlight under discussion is scrolled to by
  // its selection (the workspace scrolls a focused highlight into view); a turn alone, here.
  const presentedTurn = presenter?.presenting?.turn;
  const presentedHighlight = presenter?.presenting?.highlightId ?? null;
  useEffect(() => {
    if (!following || presentedTurn === undefined || presentedHighlight || !editor) return;
    const element = turnElement(editor, presentedTurn);
    if (element) scrollPageTo(element);
  }, [following, presentedTurn, presentedHighlight, editor]);
  useEffect(() => {
    if (!following || !presenter) return;
    if (presentedHighlight === lastFollowedHighlight.current) return;
    lastFollowedHighlight.current = presentedHighlight;
    onFocus(presentedHighlight);
  }, [following, presenter, presentedHighlight, onFocus]);

  return { presenting, start, stop, step, turn, presenter, following, setFollowing, presentButton };
}
