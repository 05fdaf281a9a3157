import type { ClassDetail } from '@/lib/classes/class-views';
import { ActionButtonForm } from '@/app/forms/action-button-form';
import { rotateInviteCodeAction, setJoiningAction } from '@/app/classes/[id]/settings/class-settings-actions';
import { CopyInviteLink } from './copy-invite-link';
import { InviteCodeProjector } from './invite-code-projector';
import { inviteLinkFor, publicOrigin } from './invite-link';

/** For instructors of an active class: the code, the link, and the controls over joining. */
export function InvitePanel({ detail }: { detail: ClassDetail & { inviteCode: string } }) {
  const joinAddress = `${new URL(publicOrigin()).host}/join`;
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite students</h2>
      {detail.joinEnabled ? (
        <p>Students join with this code, or by opening the invite link.</p>
      ) : (
        <p className="notice" role="note">
          Joining is off: the code and link do not work until you turn joining on.
        </p>
      )}
      <p className="invite-code-line">
        <span className="muted">Invite code</span>
        <strong className="invite-code">{detail.inviteCode}</strong>
      </p>
      <CopyInviteLink link={inviteLinkFor(detail.inviteCode)} />
      <div className="button-row">
        <InviteCodeProjector className={detail.name} inviteCode={detail.inviteCode} joinAddress={joinAddress} />
        <ActionButtonForm
          action={rotateInviteCodeAction.bind(null, detail.id)}
          pendingLabel="Making a new code…"
          confirmMessage="Make a new invite code? The current code and link stop working at once."
          buttonClassName="secondary"
        >
          Rotate code
        </ActionButtonForm>
        <ActionButtonForm
          action={setJoiningAction.bind(null, detail.id, !detail.joinEnabled)}
          pendingLabel="Saving…"
          buttonClassName="secondary"
        >
          {detail.joinEnabled ? 'Turn joining off' : 'Turn joining on'}
        </ActionButtonForm>
      </div>
    </section>
  );
}
