'use client';

import { useEffect, useRef, useState } from 'react';
import { VersionDifferenceView } from './version-difference-view';
import { versionAuthorsWords, versionReasonWords, versionTime } from './version-labels';
import { loadVersion, restoreVersion, type VersionDetail as Version, type VersionSummary } from './versions-api';

interface VersionDetailProps {
  conversationId: string;
  summary: VersionSummary;
  /** The live document's text now; null until it is read. */
  currentText: string | null;
  canRestore: boolean;
  onBack: () => void;
  onRestored: (summary: VersionSummary) => void;
}

type Loaded = { state: 'loading' } | { state: 'ready'; version: Version } | { state: 'failed'; message: string };

/** One version, read-only: what differs from now, its whole text, and (owner and instructors) restoring it. */
export function VersionDetail({ conversationId, summary, currentText, canRestore, onBack, onRestored }: VersionDetailProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [showText, setShowText] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const when = versionTime(summary.createdAt);
  const authors = versionAuthorsWords(summary.authors);

  useEffect(() => {
    heading.current?.focus();
  }, [summary.id]);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    loadVersion(conversationId, summary.id).then(
      (version) => current && setLoaded({ state: 'ready', version }),
      (problem: unknown) => current && setLoaded({ state: 'failed', message: problem instanceof Error ? problem.message : 'Could not load this version.' }),
    );
    return () => {
      current = false;
    };
  }, [conversationId, summary.id, attempt]);

  return (
    <section className="version-detail" aria-labelledby="version-detail-title" data-testid="version-detail">
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          ← All versions
        </button>
      </p>
      <h3 id="version-detail-title" ref={heading} tabIndex={-1}>
        Version of <time dateTime={summary.createdAt}>{when}</time>
      </h3>
      <p className="muted version-meta">
        {versionReasonWords(summary.reason)}
        {summary.label ? `: “${summary.label}”` : ''}
        {authors ? ` · ${authors}` : ''}
      </p>

      {loaded.state === 'loading' && (
        <p className="muted" role="status">
          Loading this version…
        </p>
      )}
      {loaded.state === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>{loaded.message}</p>
          <button type="button" className="secondary" onClick={() => setAttempt((count) => count + 1)}>
            Try again
          </button>
        </div>
      )}
      {loaded.state === 'ready' && (
        <>
          {canRestore && <RestoreVersion conversationId={conversationId} summary={summary} when={when} onRestored={onRestored} />}
          <h4>What differs from now</h4>
          {currentText === null ? (
            <p className="muted">Reading the text as it is now…</p>
          ) : (
            <VersionDifferenceView versionText={loaded.version.rawText} currentText={currentText} />
          )}
          <details className="version-text-details" onToggle={(event) => setShowText(event.currentTarget.open)}>
            <summary>Full text of this version (read-only)</summary>
            {showText &&
              (loaded.version.rawText ? (
                <pre className="version-text" data-testid="version-text">
                  {loaded.version.rawText}
                </pre>
              ) : (
                <p className="muted">This version is empty.</p>
              ))}
          </details>
        </>
      )}
    </section>
  );
}

function RestoreVersion({ conversationId, summary, when, onRestored }: { conversationId: string; summary: VersionSummary; when: string; onRestored: (summary: VersionSummary) => void }) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);

  const askedBefore = useRef(false);
  useEffect(() => {
    // Into the question when it is asked, back to the button when it is cancelled.
    if (asking) confirmButton.current?.focus();
    else if (askedBefore.current) restoreButton.current?.focus();
    askedBefore.current = asking;
  }, [asking]);

  const restore = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await restoreVersion(conversationId, summary.id);
      onRestored(summary);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : 'Could not restore this version.');
      setPending(false);
    }
  };

  if (!asking) {
    return (
      <p>
        <button type="button" ref={restoreButton} onClick={() => setAsking(true)}>
          Restore this version
        </button>
      </p>
    );
  }
  return (
    <div className="notice restore-confirmation" role="group" aria-labelledby="restore-question">
      <p id="restore-question">
        Restore the version of {when}? Everyone in the conversation sees it at once, highlights and comments included. The text as it is
        now is kept as a version first, so nothing is lost.
      </p>
      <div className="button-row">
        <button type="button" ref={confirmButton} aria-disabled={pending || undefined} onClick={() => void restore()}>
          {pending ? 'Restoring…' : 'Yes, restore it'}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            if (pending) return;
            setAsking(false);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
