import type { Metadata } from 'next';
import { getOrm } from '@/lib/db/orm';
import { getProfile } from '@/lib/users/profile';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';
import { DisplayNameForm } from './display-name-form';
import { SignOutEverywhereForm } from './sign-out-everywhere-form';

export const metadata: Metadata = { title: 'Your profile' };

export default async function ProfilePage() {
  const user = await requireSignedInUser('/profile');
  const profile = await getProfile((await getOrm()).em.fork(), user.id);
  return (
    <section className="narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">Your profile</h1>
      <dl className="facts">
        <dt>Email address</dt>
        <dd>{profile.email}</dd>
      </dl>
      <p className="muted">You sign in with this address. Classmates and instructors see your display name.</p>
      <div className="card">
        <h2>Display name</h2>
        <DisplayNameForm name={profile.name} />
      </div>
      <div className="card">
        <h2>Signed in elsewhere</h2>
        <p className="muted">
          Left yourself signed in on a school computer, or lost a device? This signs you out on every browser and device,
          this one included.
        </p>
        <SignOutEverywhereForm />
      </div>
    </section>
  );
}
