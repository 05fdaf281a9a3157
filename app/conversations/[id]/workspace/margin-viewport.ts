'use client';

import { useEffect, useState } from 'react';

/** Below this width the workspace is one column (app/globals.css): no room for a margin. */
export const NARROW_VIEWPORT_QUERY = '(max-width: 60rem)';

/** Whether the viewport is too narrow for comments in the margin (a phone, a small tablet). */
export function useNarrowViewport(query = NARROW_VIEWPORT_QUERY): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setNarrow(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return narrow;
}
