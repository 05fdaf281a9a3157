import type { Metadata } from 'next';
import { readAuthSettings } from '@/lib/auth/auth-settings';

export const metadata: Metadata = { title: 'Check your email' };

export default function CheckEmailPage() {
  const mailConfigured = Boolean(readAuthSettings().email.server);
  return (
    <section className="narrow" aria-labelledby="check-email-title">
      <h1 id="check-email-title">Check your email</h1>
      <p>We sent you a sign-in link. Open it on this device to sign in; it works once, for one hour.</p>
      {!mailConfigured && (
        <p className="notice" role="note">
          This server has no email set up, so the link was written to the server&apos;s log instead. Whoever runs the
          server can copy it from there.
        </p>
      )}
      <p>
        <a href="/signin">Use another address</a>
      </p>
    </section>
  );
}
