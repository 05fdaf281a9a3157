import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { formatInviteCode, isWellFormedInviteCode, normalizeInviteCode } from '../../../lib/classes/invite-code';
import type { FormState } from '../../forms/form-state';
import { requireSignedInUser } from '../../session/require-signed-in-user';
import { JoinClassForm } from '../join-class-form';
import { joinWithInviteCode } from '../join-with-invite-code';
import { isOwnSiteNavigation } from './is-own-site-navigation';

export const metadata: Metadata = { title: 'Join a class' };

/**
 * An invite link. Opened from our own pages, the address bar, a bookmark or a desktop app, it
 * joins at once and opens the class; followed from another site, it asks first, so that no
 * other site can join people to classes (or spend their join attempts) behind their backs.
 */
export default async function JoinByLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: rawCode } = await params;
  const code = decodedSegment(rawCode).slice(0, 64);
  await requireSignedInUser(`/join/${encodeURIComponent(code)}`);

  let failure: FormState = { status: 'idle' };
  if (isOwnSiteNavigation(await headers())) {
    const outcome = await joinWithInviteCode(code);
    if (outcome.ok) redirect(`/classes/${outcome.value.classId}`);
    failure = outcome.error;
  }

  const normalised = normalizeInviteCode(code);
  const shownCode = isWellFormedInviteCode(normalised) ? formatInviteCode(normalised) : code;
  return (
    <section className="narrow" aria-labelledby="join-title">
      <h1 id="join-title">Join a class</h1>
      {failure.status === 'idle' ? (
        <p>You were invited to join a class with the code below. Join it if you expected this invitation.</p>
      ) : (
        <p>The invite link did not work. Check the code with your instructor, or type it again below.</p>
      )}
      <div className="card">
        <JoinClassForm initialState={failure} defaultCode={shownCode} />
      </div>
    </section>
  );
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
