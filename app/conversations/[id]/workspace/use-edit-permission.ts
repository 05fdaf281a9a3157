'use client';

import { useEffect, useState } from 'react';

/** How often a read-only page asks whether it may edit again (an instructor unlocked it). */
const RECHECK_MS = 5_000;

/**
 * Whether this person may edit now. It starts from what the page was rendered with and
 * drops at once when the server says the connection became read-only (a lock). The server
 * does not announce an unlock, so while read-only the page asks the API now and then, and
 * when the tab comes back into view.
 */
export function useEditPermission(conversationId: string, initial: boolean, readOnlyNotices: number): { canEdit: boolean } {
  const [canEdit, setCanEdit] = useState(initial);

  useEffect(() => {
    if (readOnlyNotices > 0) setCanEdit(false);
  }, [readOnlyNotices]);

  useEffect(() => {
    if (canEdit) return;
    let cancelled = false;
    const check = async () => {
      try {
        const response = await fetch(`/api/conversations/${conversationId}`, { cache: 'no-store' });
        if (!response.ok) return;
        const detail = (await response.json()) as { canEdit?: boolean };
        if (!cancelled && detail.canEdit) setCanEdit(true);
      } catch {
        // Offline: try again at the next tick.
      }
    };
    const timer = setInterval(() => void check(), RECHECK_MS);
    const onVisible = () => document.visibilityState === 'visible' && void check();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [canEdit, conversationId]);

  return { canEdit };
}
