'use client';

import { useEffect } from 'react';
import { clearOtherPeoplesOfflineCopies } from '@/app/offline-copies';

/** On every signed-in page: this browser keeps no other person's offline copies (`clearOtherPeoplesOfflineCopies`). */
export function OfflineCopiesOfOthers({ userId }: { userId: string }) {
  useEffect(() => {
    clearOtherPeoplesOfflineCopies(userId).catch(() => undefined);
  }, [userId]);
  return null;
}
