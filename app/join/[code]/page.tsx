import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { formatInviteCode, isWellFormedInviteCode, normalizeInviteCode } from '@/lib/classes/invite-code';
import { requireSignedInUser } from '@/app/session/require-signed-in-user';
import { JoinClassForm } from '@/app/join/join-class-form';
import { JoinInvitedClassForm } from '@/app/join/join-invited-class-form';
import { previewWithInviteCode } from '@/app/join/join-with-invite-code';
import { isOwnSiteNavigation } from './is-own-site-navigation';

export const metadata: Metadata = { title: 'Join a class' };

/**
 * An invite link. Opening it never joins: it asks, and the Join button POSTs. Opened from our
 * own pages, the address bar, a bookmark or a desktop app, it names the class first; that
 * look is a try with the code like a join (a wrong code spends one, a live one costs nothing),
 * so naming classes tells a guesser nothing a join would not. Followed from another site, it
 * shows only the code and looks nothing up, so no other site can spend a person's tries.
 * A member is taken straight to the class.
 */
export default async function JoinByLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const { code: rawCode } = await params;
  const code = decodedSegment(rawCode).slice(0, 64);
  await requireSignedInUser(`/join/${encodeURIComponent(code)}`);
  const normalised = normalizeInviteCode(code);
  const shownCode = isWellFormedInviteCode(normalised) ? formatInviteCode(normalised) : code;

  if (!isOwnSiteNavigation(await headers())) {
    return (
      <JoinPageFrame>
        <p>You were invited to join a class with the code below. Join it if you expected this invitation.</p>
        <div className="card">
          <JoinClassForm defaultCode={shownCode} />
        </div>
      </JoinPageFrame>
    );
  }

  const preview = await previewWithInviteCode(code);
  if (preview.ok && preview.value.alreadyMember) redirect(`/classes/${preview.value.classId}`);
  if (!preview.ok) {
    return (
      <JoinPageFrame>
        <p>The invite link did not work. Check the code with your instructor, or type it again below.</p>
        <div className="card">
          <JoinClassForm initialState={preview.error} defaultCode={shownCode} />
        </div>
      </JoinPageFrame>
    );
  }
  return (
    <JoinPageFrame>
      <div className="card stack">
        <p id="join-invitation">
          You were invited to join <strong>{preview.value.className}</strong> (code {shownCode}). Join it if you expected this
          invitation: its instructors will see your name and email address.
        </p>
        <JoinInvitedClassForm code={normalised} />
      </div>
    </JoinPageFrame>
  );
}

function JoinPageFrame({ children }: { children: ReactNode }) {
  return (
    <section className="narrow" aria-labelledby="join-title">
      <h1 id="join-title">Join a class</h1>
      {children}
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
