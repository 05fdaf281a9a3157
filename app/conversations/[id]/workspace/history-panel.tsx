'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useDocumentText } from './use-document-text';
import { VersionDetail } from './version-detail';
import { noVersionsYet, versionAuthorsWords, versionReasonWords, versionTime } from './version-labels';
import { listVersions, saveVersion, type VersionSummary } from './versions-api';

interface HistoryPanelProps {
  conversationId: string;
  /** The browser's live document: "now" in every comparison. */
  doc: Y.Doc | undefined;
  /** Whether the viewer may save and restore versions (the owner and instructors); the server decides again. */
  canManage: boolean;
}

interface VersionList {
  items: VersionSummary[];
  nextCursor: string | null;
  state: 'loading' | 'ready' | 'failed' | 'loading-more';
  error: string | null;
}

const emptyList: VersionList = { items: [], nextCursor: null, state: 'loading', error: null };

/**
 * "History": a sheet over the page listing the conversation's versions newest first, each
 * openable read-only with what differs from now, and restorable by the owner and instructors.
 * The browser's own modal dialog keeps focus inside and closes on Escape; focus returns to
 * the History button.
 */
export function HistoryPanel({ conversationId, doc, canManage }: HistoryPanelProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<VersionList>(emptyList);
  const [selected, setSelected] = useState<VersionSummary | null>(null);
  const [panelMessage, setPanelMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [pageMessage, setPageMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A second click lands before React re-renders with `saving`: the ref answers at once.
  const savingNow = useRef(false);
  const request = useRef(0);
  const lastSelectedId = useRef<string | null>(null);
  const currentText = useDocumentText(doc, open && selected !== null);

  const load = useCallback(
    async (cursor: string | null) => {
      const number = ++request.current;
      setList((previous) => (cursor ? { ...previous, state: 'loading-more', error: null } : { ...emptyList }));
      try {
        const page = await listVersions(conversationId, cursor);
        if (number !== request.current) return;
        setList((previous) => ({ items: cursor ? [...previous.items, ...page.items] : page.items, nextCursor: page.nextCursor, state: 'ready', error: null }));
      } catch (problem) {
        if (number !== request.current) return;
        const error = problem instanceof Error ? problem.message : 'Could not load the history.';
        setList((previous) => ({ ...previous, state: 'failed', error }));
      }
    },
    [conversationId],
  );

  const openPanel = () => {
    setSelected(null);
    setPanelMessage(null);
    setPageMessage(null);
    setOpen(true);
    dialog.current?.showModal();
    void load(null);
  };

  const onClosed = () => {
    request.current += 1;
    lastSelectedId.current = null;
    setOpen(false);
    setSelected(null);
    opener.current?.focus();
  };

  const save = async () => {
    if (savingNow.current) return;
    savingNow.current = true;
    setSaving(true);
    setPanelMessage(null);
    try {
      const saved = await saveVersion(conversationId);
      setPanelMessage({ text: `Saved a version of ${versionTime(saved.createdAt)}.`, failed: false });
      await load(null);
    } catch (problem) {
      setPanelMessage({ text: problem instanceof Error ? problem.message : 'Could not save a version.', failed: true });
    } finally {
      savingNow.current = false;
      setSaving(false);
    }
  };

  const onRestored = (summary: VersionSummary) => {
    setPageMessage(`Restored the version of ${versionTime(summary.createdAt)}. The text before it was kept as a version.`);
    dialog.current?.close();
  };

  // Back from a version: to its entry in the list.
  useEffect(() => {
    if (selected) {
      lastSelectedId.current = selected.id;
    } else if (lastSelectedId.current) {
      document.getElementById(`version-${lastSelectedId.current}`)?.focus();
      lastSelectedId.current = null;
    }
  }, [selected]);

  return (
    <>
      <button type="button" ref={opener} className="secondary" aria-haspopup="dialog" onClick={openPanel}>
        History
      </button>
      <p className="history-page-status" role="status">
        {pageMessage}
      </p>
      <dialog ref={dialog} className="history-sheet" aria-labelledby="history-title" onClose={onClosed} data-testid="history-panel">
        <div className="history-content">
          <div className="history-head">
            <h2 id="history-title">History</h2>
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              Close <span className="muted">(Esc)</span>
            </button>
          </div>
          {canManage && !selected && (
            <p>
              <button type="button" aria-disabled={saving || undefined} onClick={() => void save()}>
                {saving ? 'Saving a version…' : 'Save a version'}
              </button>
            </p>
          )}
          <p role="status" className={panelMessage?.failed ? 'history-status notice notice-error' : 'history-status'}>
            {panelMessage?.text}
          </p>

          <div hidden={selected !== null}>
            <VersionListView list={list} onSelect={setSelected} onMore={() => void load(list.nextCursor)} onRetry={() => void load(null)} />
          </div>
          {selected && (
            <VersionDetail
              conversationId={conversationId}
              summary={selected}
              currentText={currentText}
              canRestore={canManage}
              onBack={() => setSelected(null)}
              onRestored={onRestored}
            />
          )}
        </div>
      </dialog>
    </>
  );
}

function VersionListView({
  list,
  onSelect,
  onMore,
  onRetry,
}: {
  list: VersionList;
  onSelect: (summary: VersionSummary) => void;
  onMore: () => void;
  onRetry: () => void;
}) {
  if (list.state === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the history…
      </p>
    );
  }
  if (list.state === 'failed' && list.items.length === 0) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{list.error}</p>
        <button type="button" className="secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (list.items.length === 0) return <p className="muted">{noVersionsYet}</p>;
  return (
    <>
      <ol className="version-list" aria-label="Versions, newest first">
        {list.items.map((item) => {
          const authors = versionAuthorsWords(item.authors);
          return (
            <li key={item.id}>
              <button type="button" id={`version-${item.id}`} className="version-item" data-testid="version-item" onClick={() => onSelect(item)}>
                <span className="version-item-time">
                  <time dateTime={item.createdAt}>{versionTime(item.createdAt)}</time>
                </span>
                <span className="version-item-reason">
                  {versionReasonWords(item.reason)}
                  {item.label ? `: “${item.label}”` : ''}
                </span>
                {authors && <span className="version-item-authors">{authors}</span>}
              </button>
            </li>
          );
        })}
      </ol>
      {list.state === 'failed' && (
        <p className="notice notice-error" role="alert">
          {list.error}
        </p>
      )}
      {list.nextCursor && (
        <p>
          <button type="button" className="secondary" aria-disabled={list.state === 'loading-more' || undefined} onClick={() => list.state !== 'loading-more' && onMore()}>
            {list.state === 'loading-more' ? 'Loading more…' : 'Load more'}
          </button>
        </p>
      )}
    </>
  );
}
