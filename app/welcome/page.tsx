import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/app/session/current-user';
import { WelcomeNameForm } from './welcome-name-form';
import { afterWelcomePath, needsDisplayName, welcomePath } from './welcome-path';

export const metadata: Metadata = { title: 'Welcome' };

/**
 * A first sign-in's question: what to call the person. Every sign-in passes through here
 * (`app/signin/actions.ts`), and every page that needs a signed-in user sends a nameless one
 * here (`requireSignedInUser`); someone who has a name goes straight on.
 */
export default async function WelcomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = afterWelcomePath((await searchParams).next);
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(welcomePath(next))}`);
  if (!needsDisplayName(user)) redirect(next);
  return (
    <section className="narrow" aria-labelledby="welcome-title">
      <h1 id="welcome-title">What should we call you?</h1>
      <p>Welcome to Grimoire. Before you go on, choose the name other people in your classes will see.</p>
      <WelcomeNameForm next={next} />
    </section>
  );
}
