import { currentUser } from '@/app/session/current-user';
import { OfflineCopiesOfOthers } from './offline-copies-of-others';
import { SignOutForm } from './sign-out-form';

/** Looks the user up afresh, so a changed display name shows at once (the session keeps the old one). */
export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="site-header">
      <a className="brand" href="/">
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
