import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Not found' };

/**
 * Unknown addresses, and classes you are not a member of: the same answer for both, so that
 * nobody learns which classes exist by trying addresses.
 */
export default function NotFound() {
  return (
    <section className="narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>
        There is nothing here, or it belongs to a class you are not a member of. If someone sent you this link, ask them
        for an invite code to join their class.
      </p>
      <p className="button-row">
        <a className="button" href="/">
          Go to my classes
        </a>
        <a className="button secondary" href="/join">
          Join a class
        </a>
      </p>
    </section>
  );
}
