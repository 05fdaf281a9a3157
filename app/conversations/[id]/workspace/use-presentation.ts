'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { PresenceUser } from './use-presence';

interface PresentationOptions {
  provider: WebsocketProvider | undefined;
  people: PresenceUser[];
  /** The element that scrolls the transcript. */
  scroller: RefObject<HTMLElement | null>;
  /** The element shown full-screen while presenting. */
  stage: RefObject<HTMLElement | null>;
  focusedId: string | null;
  onFocus: (highlightId: string | null) => void;
}

function scrollRatio(element: HTMLElement): number {
  const range = element.scrollHeight - element.clientHeight;
  return range > 0 ? element.scrollTop / range : 0;
}

/**
 * Presentation mode. The presenting instructor's scroll position and the highlight under
 * discussion go out through awareness; everyone else follows them (unless they opt out).
 */
export function usePresentation({ provider, people, scroller, stage, focusedId, onFocus }: PresentationOptions) {
  const [presenting, setPresenting] = useState(false);
  const [following, setFollowing] = useState(true);
  const presenter = people.find((person) => !person.isSelf && person.presenting && person.role === 'instructor');
  const lastFollowedHighlight = useRef<string | null>(null);

  const publish = useCallback(() => {
    if (!provider || !presenting) return;
    const element = scroller.current;
    provider.awareness.setLocalStateField('presenting', { scroll: element ? scrollRatio(element) : 0, highlightId: focusedId });
  }, [provider, presenting, scroller, focusedId]);

  useEffect(() => {
    if (!presenting) return;
    publish();
    const element = scroller.current;
    if (!element) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(publish);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', onScroll);
    };
  }, [presenting, publish, scroller]);

  const start = useCallback(async () => {
    setPresenting(true);
    try {
      await stage.current?.requestFullscreen?.();
    } catch {
      // Full screen refused (an embedded browser, say): presenting still works in the page.
    }
  }, [stage]);

  const stop = useCallback(() => {
    setPresenting(false);
    provider?.awareness.setLocalStateField('presenting', null);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, [provider]);

  useEffect(() => {
    const onFullscreenChange = () => {
      if (!document.fullscreenElement && presenting) stop();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => document.removeEventListener('fullscreenchange', onFullscreenChange);
  }, [presenting, stop]);

  // Followers: go where the presenter is.
  const presentedScroll = presenter?.presenting?.scroll;
  const presentedHighlight = presenter?.presenting?.highlightId ?? null;
  useEffect(() => {
    if (!following || presentedScroll === undefined) return;
    const element = scroller.current;
    if (!element) return;
    element.scrollTop = presentedScroll * (element.scrollHeight - element.clientHeight);
  }, [following, presentedScroll, scroller]);
  useEffect(() => {
    if (!following || !presenter) return;
    if (presentedHighlight === lastFollowedHighlight.current) return;
    lastFollowedHighlight.current = presentedHighlight;
    onFocus(presentedHighlight);
  }, [following, presenter, presentedHighlight, onFocus]);

  return { presenting, start, stop, presenter, following, setFollowing };
}
