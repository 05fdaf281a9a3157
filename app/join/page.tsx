import type { Metadata } from 'next';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';
import { JoinClassForm } from './join-class-form';

export const metadata: Metadata = { title: 'Join a class' };

export default async function JoinPage() {
  await requireSignedInUser('/join');
  return (
    <section className="narrow" aria-labelledby="join-title">
      <h1 id="join-title">Join a class</h1>
      <p>Type the invite code your instructor gave you.</p>
      <div className="card">
        <JoinClassForm />
      </div>
    </section>
  );
}
