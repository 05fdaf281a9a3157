import { currentUser } from '@/app/session/current-user';
import { OfflineCopiesOfOthers } from './offline-copies-of-others';
import { SignOutForm } from './sign-out-form';

/** Looks the user up afresh, so a changed display name shows at once (the session keeps the old one). */
export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="site-header">
      <a className="brand" href="/">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect x="5" y="3" width="22" height="26" rx="3" fill="#4338ca" />
          <rect x="8" y="3" width="2" height="26" fill="#312e81" />
          <path d="M18.5 9l1.4 3.6 3.6 1.4-3.6 1.4-1.4 3.6-1.4-3.6-3.6-1.4 3.6-1.4z" fill="#fde68a" />
          <rect x="13" y="22" width="11" height="2" rx="1" fill="#c7d2fe" />
        </svg>
        Grimoire
      </a>
      <nav aria-label="Account">
        {user ? (
          <ul className="nav-list">
            <li>
              <a href="/">My classes</a>
            </li>
            <li>
              <a href="/join">Join a class</a>
            </li>
            <li>
              <a href="/profile" aria-label={user.name ? `Profile: ${user.name}` : undefined}>
                {user.name || 'Profile'}
              </a>
            </li>
            <li>
              <SignOutForm />
              <OfflineCopiesOfOthers userId={user.id} />
            </li>
          </ul>
        ) : (
          <a href="/signin">Sign in</a>
        )}
      </nav>
    </header>
  );
}
