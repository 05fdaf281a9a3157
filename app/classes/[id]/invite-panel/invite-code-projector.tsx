'use client';

import { useRef } from 'react';

interface InviteCodeProjectorProps {
  className: string;
  inviteCode: string;
  /** Where students type the code: "grimoire.example.edu/join". */
  joinAddress: string;
}

/**
 * "Show code full-screen": a modal dialog filling the window with the code in large type, for
 * a projector. The browser's own dialog moves focus in (to the close button, the first control) and
 * closes on Escape.
 */
export function InviteCodeProjector({ className, inviteCode, joinAddress }: InviteCodeProjectorProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="secondary" onClick={() => dialog.current?.showModal()}>
        Show code full-screen
      </button>
      <dialog ref={dialog} className="projector" aria-labelledby="projector-title">
        <div className="projector-content">
          <p className="projector-close">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Close <span className="muted">(Esc)</span>
            </button>
          </p>
          <h2 id="projector-title">Join {className}</h2>
          <p className="projector-instructions">
            Go to <strong>{joinAddress}</strong> and type the code:
          </p>
          <p className="projector-code">{inviteCode}</p>
        </div>
      </dialog>
    </>
  );
}
