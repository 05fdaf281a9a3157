import type { PresenceUser } from './use-presence';

/** People named in the bar before "+N more": one line at a laptop's width, so the bar keeps its height as a class arrives. */
export const PRESENCE_SHOWN = 6;

export interface PresencePeople {
  /** One entry per person (several tabs of one person count once), oneself first. */
  shown: PresenceUser[];
  /** How many more people are here than are shown. */
  more: number;
  /** Everyone here, counted once each. */
  total: number;
}

/** Who the bar names, and how many more are here. */
export function presencePeople(people: PresenceUser[], limit = PRESENCE_SHOWN): PresencePeople {
  const unique = [...new Map(people.map((person) => [person.userId || `client-${person.clientId}`, person])).values()];
  unique.sort((a, b) => Number(b.isSelf) - Number(a.isSelf));
  const shown = unique.slice(0, limit);
  return { shown, more: unique.length - shown.length, total: unique.length };
}
