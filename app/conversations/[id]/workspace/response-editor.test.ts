// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { documentLayout } from '@/lib/sync/document-layout';
import { paragraph } from '@/lib/testing/document-builders';
import { ResponseEditor, type ResponseEditorProps } from './response-editor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const roots: Root[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) act(() => root.unmount());
  document.body.innerHTML = '';
});

async function render(props: ResponseEditorProps): Promise<{ container: HTMLElement; rerender: (next: ResponseEditorProps) => Promise<void> }> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  roots.push(root);
  await act(async () => root.render(createElement(ResponseEditor, props)));
  return { container, rerender: async (next) => act(async () => root.render(createElement(ResponseEditor, next))) };
}

describe('ResponseEditor', () => {
  test('is labelled, described by its live word count, and counts others’ changes as they arrive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const doc = new Y.Doc();
      doc.getXmlFragment(documentLayout.response).insert(0, [paragraph('Three short words')]);
      const counts: number[] = [];
      const { container } = await render({ doc, editable: true, limits: { min: 4, max: 10, hard: true }, onWordCountChange: (n) => counts.push(n) });
      const textbox = container.querySelector('[role="textbox"]') as HTMLElement;
      expect(textbox).not.toBeNull();
      const label = document.getElementById(textbox.getAttribute('aria-labelledby')!);
      expect(label?.textContent).toBe('Your response');
      const count = document.getElementById(textbox.getAttribute('aria-describedby')!)!;
      expect(count.getAttribute('aria-live')).toBe('polite');
      expect(count.textContent).toBe('3 words · 1 word under the minimum of 4: write more to submit');
      expect(textbox.textContent).toBe('Three short words');
      expect(container.querySelector('[role="toolbar"]')).not.toBeNull();

      await act(async () => doc.getXmlFragment(documentLayout.response).insert(1, [paragraph('and two more')]));
      await act(async () => vi.runAllTimers());
      expect(count.textContent).toBe('6 words · between 4 and 10');
      expect(counts.at(-1)).toBe(6);
    } finally {
      vi.useRealTimers();
    }
  });

  test('read-only: no toolbar, the editor says so, the count still shows', async () => {
    const doc = new Y.Doc();
    const { container, rerender } = await render({ doc, editable: false, limits: null, labelledBy: 'elsewhere' });
    const textbox = container.querySelector('[role="textbox"]') as HTMLElement;
    expect(textbox.getAttribute('contenteditable')).toBe('false');
    expect(textbox.getAttribute('aria-readonly')).toBe('true');
    expect(textbox.getAttribute('aria-labelledby')).toBe('elsewhere');
    expect(container.querySelector('[role="toolbar"]')).toBeNull();
    expect(container.querySelector('[data-testid="response-word-count"]')?.textContent).toBe('0 words');
    await rerender({ doc, editable: true, limits: null, labelledBy: 'elsewhere' });
    expect(textbox.getAttribute('contenteditable')).toBe('true');
    expect(textbox.getAttribute('aria-readonly')).toBe('false');
  });
});
