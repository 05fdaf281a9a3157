import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { readAuthSettings } from '@/lib/auth/auth-settings';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { currentUser } from '@/app/session/current-user';
import { signInForDevelopment, signInWithEmail, signInWithOidc } from './actions';
import { limits } from '@/lib/limits';

export const metadata: Metadata = { title: 'Sign in' };

/** Auth.js error codes, in words a person can act on. */
const errorMessages: Record<string, string> = {
  EmailInvalid: 'That does not look like an email address. Check it and try again.',
  CredentialsSignin: 'That sign-in did not work. Check the email address and try again.',
  Verification: 'That sign-in link has expired or was already used. Ask for a new one below.',
  OAuthAccountNotLinked: 'That account is linked to another sign-in method. Use the one you used before.',
  AccessDenied: 'Access was denied.',
  Configuration: 'Sign-in is not configured correctly on this server. Tell your administrator.',
  OidcEmailNotVerified:
    'Your school sign-in did not confirm that this email address is yours, so it cannot open the Grimoire account that uses it. Sign in with an email link instead, or ask your school to mark the address verified.',
};

/** "in 12 minutes", "in 40 seconds": when a refused magic-link request may be made again. */
function waitInWords(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'in a few minutes';
  if (seconds < 60) return `in ${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'in a minute' : `in ${minutes} minutes`;
}

function errorMessageFor(code: string, params: Record<string, string | string[] | undefined>): string {
  if (code === 'TooManyLinks') {
    return `Too many sign-in links were asked for (for this address, or from this network). Try again ${waitInWords(Number(params.retryAfter))}; a link you were already sent still works for an hour.`;
  }
  return errorMessages[code] ?? 'Sign-in failed. Please try again.';
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  // The user as the database knows them: a cookie of a deleted user must not bounce back and forth.
  if (await currentUser()) redirect(callbackUrl);

  const settings = readAuthSettings();
  const errorCode = typeof params.error === 'string' ? params.error : undefined;
  const errorMessage = errorCode ? errorMessageFor(errorCode, params) : undefined;

  return (
    <section className="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      {callbackUrl.startsWith('/join/') && <p>Sign in to join the class you were invited to.</p>}
      {errorMessage && (
        <p className="notice notice-error" role="alert">
          {errorMessage}
        </p>
      )}

      <form action={signInWithEmail} className="card stack" aria-labelledby="email-signin-title">
        <h2 id="email-signin-title">Email me a sign-in link</h2>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label htmlFor="signin-email">Email address</label>
        <input id="signin-email" name="email" type="email" autoComplete="email" required maxLength={limits.fields.emailCharacters} />
        <button type="submit">Send me a link</button>
      </form>

      {settings.oidc && (
        <form action={signInWithOidc} className="card stack">
          <h2>Single sign-on</h2>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <button type="submit">Sign in with {settings.oidc.name}</button>
        </form>
      )}

      {settings.devLogin && (
        <form action={signInForDevelopment} className="card stack" aria-labelledby="dev-signin-title" aria-describedby="dev-signin-warning">
          <h2 id="dev-signin-title">Development sign-in</h2>
          <p id="dev-signin-warning" className="muted">
            No password: anyone can sign in as anyone. For local development and tests only.
          </p>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <label htmlFor="dev-email">Development email address</label>
          <input id="dev-email" name="email" type="email" autoComplete="email" required maxLength={limits.fields.emailCharacters} />
          <label htmlFor="dev-name">Display name (optional)</label>
          <input id="dev-name" name="name" type="text" autoComplete="name" maxLength={limits.fields.nameCharacters} />
          <button type="submit">Sign in</button>
        </form>
      )}
    </section>
  );
}
