'use client';

import { useEffect } from 'react';

/**
 * Records the reader's visit again when they leave the page, hide the tab or navigate
 * away (the server render recorded its start): what they wrote or saw while here is then not
 * "updated since your last visit" on the class's list. `keepalive`, so it survives the
 * page's unload; failures are nothing to show.
 */
export function VisitRecorder({ conversationId }: { conversationId: string }) {
  useEffect(() => {
    const record = () => {
      void fetch(`/api/conversations/${encodeURIComponent(conversationId)}/visit`, { method: 'POST', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') record();
    };
    window.addEventListener('pagehide', record);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      window.removeEventListener('pagehide', record);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      record();
    };
  }, [conversationId]);
  return null;
}
