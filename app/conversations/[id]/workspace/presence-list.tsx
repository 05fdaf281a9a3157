'use client';

import type { PresenceUser } from './use-presence';

/** Who is here now: one entry per person (several tabs of one person count once). */
export function PresenceList({ people }: { people: PresenceUser[] }) {
  const unique = [...new Map(people.map((person) => [person.userId || `client-${person.clientId}`, person])).values()];
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="visually-hidden">
        Here now
      </h2>
      <ul className="presence-list" aria-label={`${unique.length} ${unique.length === 1 ? 'person' : 'people'} here now`}>
        {unique.map((person) => (
          <li key={person.clientId} className="presence-person" data-testid="presence-person">
            <span className="presence-avatar" style={{ backgroundColor: person.color }} aria-hidden="true">
              {person.name.slice(0, 1).toUpperCase()}
            </span>
            <span>
              {person.name}
              {person.isSelf ? ' (you)' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
