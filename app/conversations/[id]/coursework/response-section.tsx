'use client';

import type * as Y from 'yjs';
import type { WordLimits } from '@/lib/activities/word-limits';
import { ResponseEditor } from '../workspace/response-editor';

interface ResponseSectionProps {
  doc: Y.Doc;
  /** Exactly when the transcript is: the server's permission decides both. */
  editable: boolean;
  limits: WordLimits | null;
  /** The viewer's own workspace ("Your response"), or someone else's. */
  ownWork: boolean;
  onWordCountChange: (words: number) => void;
}

/** The workspace's written response, under the transcript, in the same live document. */
export function ResponseSection({ doc, editable, limits, ownWork, onWordCountChange }: ResponseSectionProps) {
  return (
    <section className="response-section" aria-labelledby="response-heading">
      <h2 id="response-heading">{ownWork ? 'Your response' : 'Response'}</h2>
      <ResponseEditor doc={doc} editable={editable} limits={limits} onWordCountChange={onWordCountChange} labelledBy="response-heading" />
    </section>
  );
}
