'use client';

import { useRef, useState } from 'react';
import type { Refusal } from './use-live-document';

/**
 * Says plainly that changes made on this page were not kept (the conversation was locked,
 * or access removed, while the person typed offline), and lets them copy their text out:
 * nothing typed vanishes silently. The page itself has gone on from the server's version.
 */
export function RefusedChangesNotice({ refusal, onDismiss }: { refusal: Refusal; onDismiss: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const textArea = useRef<HTMLTextAreaElement | null>(null);
  const copy = async () => {
    if (!refusal.text) return;
    try {
      await navigator.clipboard.writeText(refusal.text);
      setCopied('yes');
    } catch {
      // No clipboard (permission, an insecure origin): the text is selected for Ctrl+C.
      textArea.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className="notice notice-refused" role="alert" data-testid="refused-changes">
      <p>
        <strong>Your changes were not saved.</strong> {refusal.message}
      </p>
      {refusal.text && (
        <>
          <p>
            <button type="button" onClick={() => void copy()}>
              Copy my text
            </button>{' '}
            <span role="status">{copied === 'yes' ? 'Copied.' : copied === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy.' : ''}</span>
          </p>
          <label>
            Your text as it was on this page
            <textarea ref={textArea} readOnly value={refusal.text} rows={6} data-testid="refused-text" />
          </label>
        </>
      )}
      <p>
        <button type="button" className="secondary" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </div>
  );
}
