'use client';

import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AnnotationDocument, type Annotation, type Tag } from '@/lib/annotations/annotation-document';
import { highlightRanges, type HighlightRange } from '@/lib/annotations/highlight-ranges';
import { frozenTextReason } from '@/lib/conversations/edit-permission';
import { documentLayout } from '@/lib/sync/document-layout';
import { AnnotationToolbar } from './annotation-toolbar';
import { AnnotationsPanel } from './annotations-panel';
import { ConnectionStatus } from './connection-status';
import { HighlightStyles } from './highlight-styles';
import { HistoryPanel } from './history-panel';
import { PresenceList } from './presence-list';
import { ProjectorView } from './projector-view';
import { TagForm } from './tag-form';
import { RefusedChangesNotice } from './refused-changes-notice';
import { TranscriptEditor } from './transcript-editor';
import { useLiveDocument } from './use-live-document';
import { usePresence } from './use-presence';
import { usePresentation } from './use-presentation';
import { userColor } from './user-color';
import { peerAuthorLabel } from '@/lib/submissions/coursework-controls';
import type { WorkspaceCoursework } from '@/lib/submissions/workspace-coursework';
import { CourseworkPanel } from '../coursework/coursework-panel';
import { ResponseSection } from '../coursework/response-section';
import { editingPaused, submitPhaseNotice } from '../coursework/submit-flow';
import { useSubmitAfterSave } from '../coursework/use-submit-after-save';

export interface WorkspaceProps {
  conversationId: string;
  title: string;
  classId: string;
  className: string;
  canEdit: boolean;
  readOnlyReason: string;
  /** Whether they may change the text too, not only annotate (`editPermission`: not a student, while annotate-only). Default: `canEdit`. */
  canChangeText?: boolean;
  /** The owner or an instructor: may save and restore versions (the server decides again). */
  canManage: boolean;
  /** Whether to offer the form to add a tag (not to a student where the tags are locked; the server refuses it anyway). Default: true. */
  mayAddTags?: boolean;
  user: { id: string; name: string; role: 'instructor' | 'student' };
  /** The activity and submission when this is a student's workspace (`courseworkForWorkspace`), else null. */
  coursework?: WorkspaceCoursework | null;
}

/** The live conversation: transcript editor, presence, connection state, highlights and comments. */
export function ConversationWorkspace({ conversationId, title, canEdit, canChangeText = canEdit, readOnlyReason, canManage, user, mayAddTags = true, coursework = null }: WorkspaceProps) {
  const live = useLiveDocument(conversationId, user.id);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [ranges, setRanges] = useState<HighlightRange[]>([]);
  const [annotations, setAnnotations] = useState<Map<string, Annotation>>(new Map());
  const [tags, setTags] = useState<Tag[]>([]);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [localContent, setLocalContent] = useState(false);
  const [responseWords, setResponseWords] = useState<number | null>(null);
  const doc = live?.doc;
  const store = useMemo(() => (doc ? new AnnotationDocument(doc) : null), [doc]);
  const people = usePresence(live?.provider);
  const presentation = usePresentation({ provider: live?.provider, people, editor, focusedId, onFocus: setFocusedId });
  const isInstructor = user.role === 'instructor';
  const color = useMemo(() => userColor(user.id), [user.id]);

  // What the page was rendered with, until the server decides (and again at every access change).
  const permission = live?.permission ?? (canEdit ? { canEdit: true as const, textFrozen: !canChangeText } : { canEdit: false as const, reason: readOnlyReason });
  const permitted = permission.canEdit && !live?.closedReason;
  // From a Submit press until the server's answer (and its read-only permission), nothing is
  // typed here that the server would refuse: both editors and the annotation tools pause.
  const submitFlow = useSubmitAfterSave({ saved: live?.saved ?? true, stopped: Boolean(live?.closedReason), canEdit: permitted, status: coursework?.submission.status ?? 'in_progress' });
  const submitting = submitPhaseNotice(submitFlow.phase);
  const editable = permitted && !editingPaused(submitFlow.phase);
  // Annotate-only: the text (transcript and response) is frozen; highlights, comments and tags stay open (`editable`).
  const textFrozen = permission.canEdit && permission.textFrozen === true;
  const textEditable = editable && !textFrozen;
  const readOnlyMessage = live?.closedReason ?? (permission.canEdit ? null : permission.reason);
  // Whether new tags may be added: as the page was loaded, then as the server says (a lock made while open).
  const tagsOpen = permission.canEdit && (permission.mayAddTags ?? mayAddTags);
  const submittedByViewer = coursework?.isOwnStudent && coursework.submission.status === 'submitted';
  const readOnlyDetail = editable ? (textFrozen ? 'Text frozen: highlights and comments are saved as you make them.' : null) : submitting && permitted ? submitting : submittedByViewer ? 'Submitted: read-only until it is returned or you unsubmit it.' : 'Read-only.';

  // Show the editor once the server has sent the document, or (offline) this browser's copy has content.
  useEffect(() => {
    if (!doc) return;
    const fragment = doc.getXmlFragment(documentLayout.content);
    const check = () => setLocalContent(fragment.length > 0);
    check();
    fragment.observe(check);
    return () => fragment.unobserve(check);
  }, [doc]);
  const ready = Boolean(live && (live.synced || localContent));

  useEffect(() => {
    if (!store) return;
    const read = () => {
      setAnnotations(store.listAnnotations());
      setTags(store.listTags());
    };
    read();
    return store.observe(read);
  }, [store]);

  useEffect(() => {
    if (!editor) return;
    const read = () => setRanges(highlightRanges(editor.state.doc));
    read();
    editor.on('update', read);
    return () => {
      editor.off('update', read);
    };
  }, [editor]);

  useEffect(() => {
    if (!focusedId) return;
    document.querySelector(`mark[data-highlight-id="${CSS.escape(focusedId)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [focusedId]);

  const onEditor = useCallback((next: Editor | null) => setEditor(next), []);

  return (
    <div className={`workspace${presentation.presenting ? ' presenting' : ''}`}>
      {coursework && (
        <CourseworkPanel
          conversationId={conversationId}
          coursework={coursework}
          live={{ editable: permitted, connected: live?.connection === 'connected' && live.synced, stopped: Boolean(live?.closedReason) }}
          responseWords={responseWords}
          submitFlow={submitFlow}
        />
      )}
      <div className="workspace-bar">
        {live && <ConnectionStatus state={live.connection} closed={Boolean(live.closedReason)} waitingReason={live.waitingReason} saved={live.saved} readOnlyDetail={readOnlyDetail} />}
        <PresenceList people={people} />
        <div className="workspace-actions">
          {/* A classmate reading a shared workspace sees its text, not its history (the server answers 403). */}
          {(!coursework || coursework.isOwnStudent || coursework.isInstructor) && <HistoryPanel conversationId={conversationId} doc={doc} canManage={canManage && textEditable} />}
          {isInstructor && (
            <button ref={presentation.presentButton} type="button" className="secondary" onClick={presentation.start} disabled={!editor}>
              Present
            </button>
          )}
          {coursework && (
            <a className="button secondary" href={`/api/conversations/${conversationId}/export?format=pdf`} download>
              Download PDF
            </a>
          )}
          <a className="button secondary" href={`/api/conversations/${conversationId}/export`} download>
            Export as Markdown
          </a>
        </div>
      </div>

      {presentation.presenter && (
        <p className="notice" role="status">
          {presentation.presenter.name} is presenting.{' '}
          <label>
            <input type="checkbox" checked={presentation.following} onChange={(event) => presentation.setFollowing(event.target.checked)} /> Follow along
          </label>
        </p>
      )}

      {live?.refusal && <RefusedChangesNotice refusal={live.refusal} onDismiss={live.dismissRefusal} />}

      {submitting && permitted && (
        <p className="notice" role="status" data-testid="submitting-notice">
          {submitting}
        </p>
      )}

      {readOnlyMessage && (
        <p className="notice notice-readonly" role="note" data-testid="read-only-notice">
          <strong>Read-only.</strong> {readOnlyMessage}
        </p>
      )}

      {textFrozen && !live?.closedReason && (
        <p className="notice" role="note" data-testid="frozen-text-notice">
          {frozenTextReason}
        </p>
      )}

      {store && editable && (
        <AnnotationToolbar editor={editor} annotations={store} tags={tags} author={{ id: user.id, name: user.name }} enabled={editable} onCreated={setFocusedId} />
      )}

      <div className="workspace-body">
        <div className="workspace-main">
          <div className="editor-scroll" aria-busy={!ready}>
            {!ready && <p className="muted">Loading the conversation…</p>}
            {ready && live && (
              <TranscriptEditor
                doc={live.doc}
                provider={live.provider}
                user={{ id: user.id, name: user.name, color, role: user.role }}
                editable={textEditable}
                onEditor={onEditor}
              />
            )}
          </div>
          {coursework && ready && live && (
            <ResponseSection doc={live.doc} editable={textEditable} limits={coursework.activity.responseLimits} ownWork={coursework.isOwnStudent} onWordCountChange={setResponseWords} />
          )}
        </div>
        {store && (
          <aside className="workspace-side" aria-label="Annotations">
            <AnnotationsPanel
              editor={editor}
              ranges={ranges}
              annotations={annotations}
              store={store}
              tags={tags}
              viewer={{ id: user.id, name: user.name, isInstructor }}
              canWrite={editable}
              focusedId={focusedId}
              onFocus={setFocusedId}
              authorLabel={peerAuthorLabel(coursework)}
              tagForm={editable && tagsOpen ? <TagForm annotations={store} /> : null}
            />
          </aside>
        )}
      </div>
      <HighlightStyles annotations={annotations} tags={tags} focusedId={focusedId} />
      {presentation.presenting && editor && (
        <ProjectorView
          editor={editor}
          title={title}
          position={{ turn: presentation.turn, highlightId: focusedId }}
          annotations={annotations}
          tags={tags}
          ranges={ranges}
          authorLabel={peerAuthorLabel(coursework)}
          onStep={presentation.step}
          onLeave={presentation.stop}
        />
      )}
    </div>
  );
}
