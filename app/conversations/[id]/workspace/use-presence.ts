'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { presentationStateOf, type PresentationState } from '@/lib/sync/presentation-state';

export type { PresentationState };

export interface PresenceUser {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  role: string;
  isSelf: boolean;
  presenting?: PresentationState;
}

/** Everyone connected to the document now, from the provider's awareness. */
export function usePresence(provider: WebsocketProvider | undefined): PresenceUser[] {
  const [people, setPeople] = useState<PresenceUser[]>([]);
  useEffect(() => {
    if (!provider) return;
    const awareness = provider.awareness;
    const read = () => {
      const list: PresenceUser[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { id?: string; name?: string; color?: string; role?: string } }).user;
        if (!user?.name) return;
        list.push({
          clientId,
          userId: String(user.id ?? ''),
          name: String(user.name).slice(0, 200),
          color: /^#[0-9a-f]{6}$/i.test(String(user.color)) ? String(user.color) : '#52525b',
          role: String(user.role ?? ''),
          isSelf: clientId === awareness.clientID,
          presenting: presentationStateOf((state as { presenting?: unknown }).presenting) ?? undefined,
        });
      });
      setPeople(list);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [provider]);
  return people;
}
