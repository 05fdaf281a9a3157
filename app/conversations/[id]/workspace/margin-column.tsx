'use client';

import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { marginLayout, type MarginCard } from '@/lib/annotations/margin-layout';

interface MarginColumnProps {
  editor: Editor | null;
  /** The highlights' ids, in document order, with their cards. */
  items: Array<{ id: string; card: (cardRef: (element: HTMLElement | null) => void) => ReactNode }>;
  selectedId: string | null;
}

/**
 * The margin: each card at the height of its highlight's first mark, measured against this
 * column (so it holds whether the transcript scrolls with the page or in a box of its own),
 * laid out by `marginLayout`. It lays out again after every render, on edits, when the
 * transcript, the column or a card changes size, and when anything scrolls.
 */
export function MarginColumn({ editor, items, selectedId }: MarginColumnProps) {
  const column = useRef<HTMLOListElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  const refs = useRef(new Map<string, (element: HTMLElement | null) => void>());
  const frame = useRef(0);

  const cardRef = (id: string) => {
    let ref = refs.current.get(id);
    if (!ref) {
      ref = (element) => {
        if (element) cards.current.set(id, element);
        else cards.current.delete(id);
      };
      refs.current.set(id, ref);
    }
    return ref;
  };

  const layout = useCallback(() => {
    const host = column.current;
    if (!host || !editor || editor.isDestroyed) return;
    const origin = host.getBoundingClientRect().top;
    const measured: MarginCard[] = [];
    for (const { id } of items) {
      const card = cards.current.get(id);
      const mark = editor.view.dom.querySelector(`mark[data-highlight-id="${CSS.escape(id)}"]`);
      if (!card || !mark) continue;
      measured.push({ id, markTop: mark.getBoundingClientRect().top - origin, height: card.offsetHeight });
    }
    const tops = marginLayout(measured, selectedId);
    let bottom = 0;
    for (const { id, height } of measured) {
      const top = tops.get(id) ?? 0;
      const slot = cards.current.get(id)?.parentElement;
      if (slot) slot.style.top = `${top}px`;
      bottom = Math.max(bottom, top + height);
    }
    host.style.minHeight = `${bottom}px`;
  }, [editor, items, selectedId]);

  const latestLayout = useRef(layout);
  const layoutSoon = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => latestLayout.current());
  }, []);

  useLayoutEffect(() => {
    latestLayout.current = layout;
    layout();
  });

  const ids = items.map((item) => item.id).join(' ');

  useEffect(() => {
    const host = column.current;
    if (!host || !editor) return;
    const resized = new ResizeObserver(layoutSoon);
    resized.observe(host);
    resized.observe(editor.view.dom);
    for (const card of cards.current.values()) resized.observe(card);
    const onScroll = (event: Event) => {
      if (event.target !== document) layoutSoon();
    };
    editor.on('update', layoutSoon);
    window.addEventListener('resize', layoutSoon);
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    return () => {
      cancelAnimationFrame(frame.current);
      resized.disconnect();
      editor.off('update', layoutSoon);
      window.removeEventListener('resize', layoutSoon);
      document.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [editor, ids, layoutSoon]);

  // A card selected from the text comes into view (its place is beside the passage).
  useEffect(() => {
    if (selectedId) cards.current.get(selectedId)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <ol ref={column} className="margin-column" aria-label="Highlights beside the text">
      {items.map(({ id, card }) => (
        <li key={id} className="margin-slot">
          {card(cardRef(id))}
        </li>
      ))}
    </ol>
  );
}
