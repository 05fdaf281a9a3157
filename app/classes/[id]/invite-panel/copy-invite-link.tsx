'use client';

import { useEffect, useId, useRef, useState } from 'react';

type CopyStatus = 'idle' | 'copied' | 'select-and-copy';

/** How long "Copied" stays on screen. */
const CONFIRMATION_MILLISECONDS = 6_000;

/**
 * The invite link in a read-only field with a copy button. The clipboard API needs a secure
 * context (https or localhost); elsewhere, such as a school server on plain http, the field's
 * text is selected and copied the old way, or left selected for Ctrl+C.
 */
export function CopyInviteLink({ link }: { link: string }) {
  const fieldId = useId();
  const field = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<CopyStatus>('idle');

  useEffect(() => {
    if (status !== 'copied') return;
    const timer = setTimeout(() => setStatus('idle'), CONFIRMATION_MILLISECONDS);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(link);
        setStatus('copied');
        return;
      } catch {
        // Refused (permissions, an unfocused page): fall back below.
      }
    }
    field.current?.focus();
    field.current?.select();
    setStatus(document.execCommand('copy') ? 'copied' : 'select-and-copy');
  }

  return (
    <div className="stack">
      <label htmlFor={fieldId}>Invite link</label>
      <div className="copy-field">
        <input id={fieldId} ref={field} type="text" readOnly value={link} className="code-input" onFocus={(event) => event.target.select()} />
        <button type="button" onClick={copy}>
          Copy invite link
        </button>
      </div>
      <p className="copy-status" role="status" aria-live="polite">
        {status === 'copied' && 'Copied'}
        {status === 'select-and-copy' && 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.'}
      </p>
    </div>
  );
}
