import { auth } from '../../lib/auth/auth';
import { signOutAction } from '../sign-out-action';

export async function SiteHeader() {
  const session = await auth();
  const user = session?.user;
  return (
    <header className="site-header">
      <a className="brand" href="/">
        Grimoire
      </a>
      <nav aria-label="Account">
        {user ? (
          <ul className="nav-list">
            <li>
              <a href="/join">Join a class</a>
            </li>
            <li>
              <a href="/profile">{user.name || 'Profile'}</a>
            </li>
            <li>
              <form action={signOutAction}>
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </form>
            </li>
          </ul>
        ) : (
          <a href="/signin">Sign in</a>
        )}
      </nav>
    </header>
  );
}
