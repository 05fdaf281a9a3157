'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface MarginSheetProps {
  /** The highlight's tag, in the sheet's title. */
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * On a phone, a highlight's card in a sheet at the bottom of the screen: the browser's own
 * modal dialog, so focus moves into it and stays there; Escape or Close closes it and focus
 * goes back to where it was (the transcript, where the highlight was tapped).
 */
export function MarginSheet({ title, onClose, children }: MarginSheetProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    const onClosed = () => close.current();
    element.addEventListener('close', onClosed);
    return () => {
      element.removeEventListener('close', onClosed);
      if (element.open) element.close();
      returnTo?.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog ref={dialog} className="margin-sheet" aria-labelledby={titleId}>
      <div className="margin-sheet-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {children}
    </dialog>
  );
}
