// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { VocabularyTagRead } from '@/lib/vocabularies/vocabulary-schemas';
import { VocabularyEditor, type VocabularyEditorProps } from './vocabulary-editor';
import * as actions from './vocabulary-editor-actions';

vi.mock('./vocabulary-editor-actions', () => ({
  addVocabularyTagAction: vi.fn(async () => ({ status: 'success', message: 'Added.' })),
  saveVocabularyTagAction: vi.fn(async () => ({ status: 'success', message: 'Saved.' })),
  deleteVocabularyTagAction: vi.fn(async () => ({ status: 'success', message: 'Deleted.' })),
  reorderVocabularyAction: vi.fn(async () => ({ status: 'success', message: 'Moved.' })),
  setVocabularyLockedAction: vi.fn(async () => ({ status: 'success', message: 'Locked.' })),
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const roots: Root[] = [];
beforeEach(() => vi.clearAllMocks());
afterEach(() => {
  for (const root of roots.splice(0)) act(() => root.unmount());
  document.body.innerHTML = '';
});

const classId = '00000000-0000-4000-8000-000000000001';
const tag = (id: string, name: string, group: string, position: number): VocabularyTagRead => ({
  id,
  classId,
  activityId: null,
  name,
  color: '#bbf7d0',
  group,
  position,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const tags = [tag('t1', 'claim', 'Argument', 0), tag('t2', 'evidence', 'Argument', 1), tag('t3', 'hallucination', 'Accuracy', 2)];

async function render(props: VocabularyEditorProps): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  roots.push(root);
  await act(async () => root.render(createElement(VocabularyEditor, props)));
  return container;
}

const buttonNamed = (container: HTMLElement, name: string) =>
  [...container.querySelectorAll('button')].find((button) => (button.getAttribute('aria-label') ?? button.textContent) === name) as HTMLButtonElement | undefined;

describe('VocabularyEditor', () => {
  test('lists the tags under their groups in order, every input labelled', async () => {
    const container = await render({ scope: { classId }, tags, locked: false, canEdit: true });
    const headings = [...container.querySelectorAll('h3')].map((heading) => heading.textContent);
    expect(headings).toEqual(['Argument', 'Accuracy', 'Add a tag']);
    expect([...container.querySelectorAll('.tag-chip')].map((chip) => chip.textContent)).toEqual(['claim', 'evidence', 'hallucination']);
    for (const input of container.querySelectorAll('input:not([type="checkbox"]), select')) {
      expect(container.querySelector(`label[for="${CSS.escape(input.id)}"]`), `a label for #${input.id}`).not.toBeNull();
    }
    const lock = container.querySelector('input[type="checkbox"]') as HTMLInputElement;
    expect(lock.closest('label')?.textContent?.trim()).toBe('Students may add their own tags');
    expect(lock.checked).toBe(true);
  });

  test('moves a tag within its group, and not past its edge', async () => {
    const container = await render({ scope: { classId }, tags, locked: false, canEdit: true });
    expect(buttonNamed(container, 'Move “claim” up')?.disabled).toBe(true);
    expect(buttonNamed(container, 'Move “evidence” down')?.disabled).toBe(true);
    await act(async () => buttonNamed(container, 'Move “claim” down')!.click());
    expect(actions.reorderVocabularyAction).toHaveBeenCalledWith({ classId }, ['t2', 't1', 't3']);
  });

  test('the lock: unticking locks; a refusal puts the box back and says why', async () => {
    const container = await render({ scope: { activityId: classId }, tags, locked: false, canEdit: true });
    const lock = container.querySelector('input[type="checkbox"]') as HTMLInputElement;
    vi.mocked(actions.setVocabularyLockedAction).mockResolvedValueOnce({ status: 'error', message: 'This class is archived, so it is read-only: unarchive it first.' });
    await act(async () => lock.click());
    expect(actions.setVocabularyLockedAction).toHaveBeenCalledWith({ activityId: classId }, true);
    expect(lock.checked).toBe(true);
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('archived');
  });

  test('for someone who may not change it: the tags and whether it is locked, and no controls', async () => {
    const container = await render({ scope: { classId }, tags, locked: true, canEdit: false });
    expect(container.querySelectorAll('button, input, select')).toHaveLength(0);
    expect(container.textContent).toContain('Students use only these tags.');
    expect([...container.querySelectorAll('.tag-chip')].map((chip) => chip.textContent)).toEqual(['claim', 'evidence', 'hallucination']);
  });
});
