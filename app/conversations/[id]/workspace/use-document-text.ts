'use client';

import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { documentPlainText } from '@/lib/sync/document-text';

/** How long after a change the text is read again: others typing do not re-project it per keystroke. */
const rereadAfterMs = 300;

/**
 * The live document's plain text (as `rawText` would hold it), kept current while `active`;
 * null while inactive, so a closed History panel costs nothing.
 */
export function useDocumentText(doc: Y.Doc | undefined, active: boolean): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!doc || !active) {
      setText(null);
      return;
    }
    setText(documentPlainText(doc));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setText(documentPlainText(doc));
      }, rereadAfterMs);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, active]);
  return text;
}
