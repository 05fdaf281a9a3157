'use client';

import { DOMSerializer } from '@tiptap/pm/model';
import type { Editor } from '@tiptap/react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Annotation, Tag } from '@/lib/annotations/annotation-document';
import type { HighlightRange } from '@/lib/annotations/highlight-ranges';
import { ProjectorDiscussion } from './projector-discussion';
import { projectorAction, type ProjectorAction, type ProjectorPosition } from './projector-steps';
import './projector.css';

interface ProjectorViewProps {
  editor: Editor;
  title: string;
  position: ProjectorPosition;
  annotations: Map<string, Annotation>;
  tags: Tag[];
  ranges: HighlightRange[];
  authorLabel?: (authorId: string, authorName: string) => string;
  onStep: (action: Exclude<ProjectorAction, 'leave'>) => void;
  onLeave: () => void;
}

const asStored = (_authorId: string, authorName: string) => authorName;
const reducedMotion = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * The projector: the transcript alone, full screen and in large type, one turn at a time
 * marked, and the highlight under discussion with its comments beside it. It shows a
 * read-only copy of the editor's document (rendered by the schema, so it looks the same and
 * nothing in it can be edited), kept current as the document changes. Keys step through it
 * (`projectorAction`); Esc, the browser leaving full screen, or "Stop presenting" leave.
 * Full screen is asked for on the projector element; where it is refused the same element
 * covers the window.
 */
export function ProjectorView({ editor, title, position, annotations, tags, ranges, authorLabel = asStored, onStep, onLeave }: ProjectorViewProps) {
  const root = useRef<HTMLDivElement | null>(null);
  const transcript = useRef<HTMLElement | null>(null);
  const [renders, setRenders] = useState(0);
  const [fullscreen, setFullscreen] = useState(false);
  const latest = useRef({ onStep, onLeave });
  latest.current = { onStep, onLeave };

  // Full screen, asked for while the press on "Present" still counts as the person's gesture.
  useLayoutEffect(() => {
    const element = root.current;
    if (!element) return;
    element.focus({ preventScroll: true });
    let entered = false;
    const onFullscreenChange = () => {
      if (document.fullscreenElement === element) {
        entered = true;
        setFullscreen(true);
      } else if (entered) {
        // Left by the browser's own Esc (or F11): leave presenting too.
        entered = false;
        setFullscreen(false);
        latest.current.onLeave();
      }
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    element.requestFullscreen?.().catch(() => setFullscreen(false));
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      if (document.fullscreenElement === element) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  // Keys, wherever the focus is while presenting (the rest of the page is hidden).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const element = root.current;
      if (event.key === 'Tab' && element) {
        keepFocusIn(element, event);
        return;
      }
      const action = projectorAction(event);
      if (!action) return;
      // Space on the "Stop presenting" button (or a link) presses it.
      if (event.key === ' ' && event.target instanceof Element && event.target.closest('button, a[href]')) return;
      event.preventDefault();
      if (action === 'leave') latest.current.onLeave();
      else latest.current.onStep(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // The read-only copy of the transcript, rendered again (at most once a frame) as it changes.
  useEffect(() => {
    const serializer = DOMSerializer.fromSchema(editor.schema);
    const render = () => {
      transcript.current?.replaceChildren(serializer.serializeFragment(editor.state.doc.content));
      setRenders((count) => count + 1);
    };
    render();
    let frame = 0;
    const onUpdate = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(render);
    };
    editor.on('update', onUpdate);
    return () => {
      cancelAnimationFrame(frame);
      editor.off('update', onUpdate);
    };
  }, [editor]);

  // The current turn is marked (again after each rendering).
  const turnCount = editor.state.doc.childCount;
  useLayoutEffect(() => {
    const turns = transcript.current?.children;
    if (!turns) return;
    for (let index = 0; index < turns.length; index++) {
      const turn = turns[index]!;
      turn.classList.toggle('projector-current', index === position.turn);
      if (index === position.turn) turn.setAttribute('aria-current', 'step');
      else turn.removeAttribute('aria-current');
    }
  }, [renders, position.turn]);

  // Each step brings its turn (or its highlight) into view on the projector.
  const ready = renders > 0;
  useEffect(() => {
    const element = root.current;
    const turns = transcript.current?.children;
    if (!ready || !element || !turns) return;
    const mark = position.highlightId ? transcript.current?.querySelector(`mark[data-highlight-id="${CSS.escape(position.highlightId)}"]`) : null;
    const target = mark ?? turns[Math.min(position.turn, turns.length - 1)];
    if (!target) return;
    const place = (behavior: ScrollBehavior) => {
      const offset = target.getBoundingClientRect().top - element.getBoundingClientRect().top;
      const margin = mark ? element.clientHeight * 0.3 : element.clientHeight * 0.06;
      element.scrollTo({ top: element.scrollTop + offset - margin, behavior });
    };
    place(reducedMotion() ? 'auto' : 'smooth');
    // Entering full screen (or any resize) moves the layout under a scroll in progress: place
    // the step again, at once, so the projector opens on the turn it names.
    const resized = new ResizeObserver(() => place('auto'));
    resized.observe(element);
    return () => resized.disconnect();
  }, [ready, position.turn, position.highlightId]);

  const annotation = position.highlightId ? annotations.get(position.highlightId) : undefined;
  const discussed = position.highlightId !== null && annotation !== undefined;

  return (
    <div
      ref={root}
      className={`projector-view${discussed ? ' projector-discussing' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label={`Presenting “${title}”`}
      tabIndex={-1}
      data-testid="projector"
      data-fullscreen={fullscreen}
    >
      <div className="projector-stage">
        <section ref={transcript} className="transcript-editor projector-transcript" aria-label="Transcript" />
        {discussed && (
          <ProjectorDiscussion
            annotation={annotation}
            tag={tags.find((tag) => tag.id === annotation.tagId)}
            quote={ranges.find((range) => range.highlightId === position.highlightId)?.text ?? ''}
            authorLabel={authorLabel}
          />
        )}
      </div>
      <div className="projector-bar">
        <p className="projector-position" aria-live="polite">
          Turn {Math.min(position.turn + 1, Math.max(turnCount, 1))} of {Math.max(turnCount, 1)}
          {discussed ? ', a highlight under discussion' : ''}
        </p>
        <p className="projector-keys">
          <kbd>↓</kbd> <kbd>↑</kbd> turns · <kbd>→</kbd> <kbd>←</kbd> highlights · <kbd>Home</kbd> <kbd>End</kbd> first, last · <kbd>Esc</kbd> leaves
        </p>
        <button type="button" className="projector-stop" onClick={() => latest.current.onLeave()}>
          Stop presenting
        </button>
      </div>
    </div>
  );
}

/** Tab and Shift+Tab go round the projector's own controls, not to the page behind it. */
function keepFocusIn(container: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...container.querySelectorAll<HTMLElement>('button, a[href]')];
  event.preventDefault();
  if (focusable.length === 0) return;
  const index = focusable.indexOf(document.activeElement as HTMLElement);
  const next = index < 0 ? (event.shiftKey ? focusable.length - 1 : 0) : (index + (event.shiftKey ? -1 : 1) + focusable.length) % focusable.length;
  focusable[next]?.focus();
}
