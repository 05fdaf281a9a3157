'use client';

import { useRouter } from 'next/navigation';
import { useState, type ClipboardEvent, type FormEvent } from 'react';
import { turnRoleLabels } from '@/lib/sync/document-layout';
import { limits } from '@/lib/limits';
import { defaultUnmarkedSplit, type UnmarkedSplit } from '@/lib/import/unmarked-split';

interface Preview {
  platform: string;
  turns: Array<{ role: 'user' | 'assistant' | 'system'; excerpt: string; characters: number }>;
  /** Text naming no speaker: the form asks how to split it. */
  unmarked: boolean;
}

const splitChoices: Array<{ value: UnmarkedSplit; label: string }> = [
  { value: 'assistant', label: 'One turn, the assistant’s' },
  { value: 'user', label: 'One turn, the user’s' },
  { value: 'alternate', label: 'A new turn at each blank line, user and assistant in turn' },
];

const platformNames: Record<string, string> = {
  claude: 'Claude',
  chatgpt: 'ChatGPT',
  gemini: 'Gemini',
  'google-ai-studio': 'Google AI Studio',
  scienceos: 'ScienceOS',
  openrouter: 'OpenRouter',
  chatcraft: 'ChatCraft',
  'plain-text': 'plain text',
  html: 'a web page',
  empty: 'nothing yet',
};


async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

/**
 * Start a conversation: empty, from typed or pasted text, or from a whole chat pasted out
 * of a chat app (its HTML keeps who said what). The detected turns are shown before creating.
 */
export function NewConversationForm({ classId }: { classId: string }) {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [pasted, setPasted] = useState<{ html?: string; text?: string }>({});
  const [split, setSplit] = useState<UnmarkedSplit>(defaultUnmarkedSplit);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [status, setStatus] = useState<'idle' | 'previewing' | 'creating'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function showPreview(input: { html?: string; text?: string }, splitAs: UnmarkedSplit = split) {
    setPasted(input);
    setSplit(splitAs);
    setStatus('previewing');
    setError(null);
    try {
      const response = await fetch('/api/import/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...input, split: splitAs }),
      });
      if (!response.ok) throw new Error(await errorMessage(response));
      setPreview((await response.json()) as Preview);
    } catch (problem) {
      setPreview(null);
      setError(problem instanceof Error ? problem.message : 'Could not read the paste.');
    } finally {
      setStatus('idle');
    }
  }

  function onPaste(event: ClipboardEvent<HTMLDivElement>) {
    event.preventDefault();
    const html = event.clipboardData.getData('text/html');
    const text = event.clipboardData.getData('text/plain');
    void showPreview(html.trim() ? { html } : { text });
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    setStatus('creating');
    setError(null);
    try {
      const response = await fetch(`/api/classes/${classId}/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, ...pasted, ...(preview?.unmarked ? { split } : {}) }),
      });
      if (!response.ok) throw new Error(await errorMessage(response));
      const created = (await response.json()) as { id: string };
      router.push(`/conversations/${created.id}`);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : 'Could not create the conversation.');
      setStatus('idle');
    }
  }

  return (
    <form className="stack new-conversation-form" onSubmit={(event) => void create(event)}>
      <label htmlFor="conversation-title-input">Title</label>
      <input id="conversation-title-input" value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={limits.fields.titleCharacters} />

      <span id="paste-label" className="label">
        Paste a chat (optional)
      </span>
      <p id="paste-help" className="muted">
        Copy a whole conversation from Claude, ChatGPT, Gemini, Google AI Studio, ScienceOS, OpenRouter or ChatCraft (select it
        and copy), then paste here with Ctrl+V or ⌘V. Plain text with “User:” and “Assistant:” lines works too. Leave it empty to
        start from a blank page.
      </p>
      <div
        className="paste-area"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-labelledby="paste-label"
        aria-describedby="paste-help"
        tabIndex={0}
        onPaste={onPaste}
        data-testid="paste-area"
        onKeyDown={(event) => {
          // Only pasting goes in here; typing belongs in the editor after creating.
          if (!(event.ctrlKey || event.metaKey) && event.key.length === 1) event.preventDefault();
        }}
      >
        {status === 'previewing' ? 'Reading the paste…' : preview ? 'Pasted. Paste again to replace it.' : ''}
      </div>

      {preview && (
        <section className="import-preview" aria-labelledby="preview-title" data-testid="import-preview">
          <h2 id="preview-title">
            Detected: {platformNames[preview.platform] ?? preview.platform}, {preview.turns.length} {preview.turns.length === 1 ? 'turn' : 'turns'}
          </h2>
          {preview.unmarked && (
            <fieldset className="split-choice" data-testid="split-choice">
              <legend>This text names no speaker. How should it be split into turns?</legend>
              {splitChoices.map((choice) => (
                <label key={choice.value} className="split-option">
                  <input
                    type="radio"
                    name="split"
                    value={choice.value}
                    checked={split === choice.value}
                    disabled={status !== 'idle'}
                    onChange={() => void showPreview(pasted, choice.value)}
                  />{' '}
                  {choice.label}
                </label>
              ))}
              <p className="muted">You can still change a turn’s speaker, split or merge turns in the editor afterwards.</p>
            </fieldset>
          )}
          <ol className="preview-turns">
            {preview.turns.map((turn, index) => (
              <li key={index} className={`preview-turn preview-${turn.role}`} data-testid="preview-turn" data-role={turn.role}>
                <strong>{turnRoleLabels[turn.role]}</strong> <span className="muted">({turn.characters.toLocaleString()} characters)</span>
                <p>{turn.excerpt || <em>(empty)</em>}</p>
              </li>
            ))}
          </ol>
          <button type="button" className="secondary" onClick={() => (setPreview(null), setPasted({}))}>
            Clear the paste
          </button>
        </section>
      )}

      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" aria-disabled={status !== 'idle' || undefined} disabled={status === 'creating'}>
        {status === 'creating' ? 'Creating…' : 'Create conversation'}
      </button>
    </form>
  );
}
