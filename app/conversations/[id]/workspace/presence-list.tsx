'use client';

import { presencePeople } from './presence-people';
import type { PresenceUser } from './use-presence';
import './workspace-bar.css';

/**
 * Who is here now: one entry per person (several tabs of one person count once), oneself
 * first, the first few by name and the rest counted. Its row of the workspace bar is
 * reserved (`workspace-bar.css`), so people coming and going never move the buttons.
 */
export function PresenceList({ people }: { people: PresenceUser[] }) {
  const { shown, more, total } = presencePeople(people);
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="visually-hidden">
        Here now
      </h2>
      <ul className="presence-list" aria-label={`${total} ${total === 1 ? 'person' : 'people'} here now`}>
        {shown.map((person) => (
          <li key={person.clientId} className="presence-person" data-testid="presence-person">
            <span className="presence-avatar" style={{ backgroundColor: person.color }} aria-hidden="true">
              {person.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="presence-name">
              {person.name}
              {person.isSelf ? ' (you)' : ''}
            </span>
          </li>
        ))}
        {more > 0 && (
          <li className="presence-person presence-more" data-testid="presence-more">
            +{more} more
          </li>
        )}
      </ul>
    </section>
  );
}
