import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { editor, openConversation, person } from './support/workspace-people';

/**
 * Turns (issue 12, point 4): pasted text naming no speaker asks how to split it; in the
 * editor a turn's speaker changes, a turn splits at the cursor and merges with the next, and
 * the other person sees each change; a blank conversation gains turns by typing a speaker or
 * with "Add turn"; a model's "Thought process" collapses and expands for the reader alone.
 * The server's side (a role it refuses) is in server/sync/sync-turn-roles.test.ts.
 */

const fixtures = path.join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'conversations');
const desktop = { width: 1280, height: 900 };

function turns(page: Page) {
  return editor(page).locator('section.turn');
}

/** A turn's text, without its controls. */
function turnText(page: Page, index: number) {
  return turns(page).nth(index).locator('.turn-content');
}

async function rolesOf(page: Page): Promise<Array<string | null>> {
  return turns(page).evaluateAll((sections) => sections.map((section) => section.getAttribute('data-role')));
}

/** The paragraphs of turn `index`, without other people's caret labels drawn inside them. */
async function paragraphsOf(page: Page, index: number): Promise<string[]> {
  return turnText(page, index).evaluate((content) => {
    const copy = content.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return [...copy.querySelectorAll('p')].map((paragraph) => paragraph.textContent ?? '');
  });
}

/** Puts the cursor in the paragraph holding `text`, just before it. */
async function cursorBefore(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.querySelector('.transcript-editor') as Node, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.collapse(true);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      return;
    }
    throw new Error(`no text ${wanted}`);
  }, text);
}

test.describe('turns', () => {
  test('unmarked text asks how to split; a speaker changes, a turn merges and splits at the cursor, and the other person sees each change', async ({ browser, baseURL }) => {
    const instructor = await person(browser, baseURL ?? '', 'turns-instructor', 'Irene Instructor', desktop);
    const student = await person(browser, baseURL ?? '', 'turns-student', 'Sam Student', desktop);
    const created = await instructor.context.request.post('/api/classes', { data: { name: 'Turns' } });
    const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
    expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);

    // The paste names no speaker: the form asks, the assistant's one turn chosen until changed.
    const { page } = student;
    await page.goto(`/classes/${classId}/conversations/new`);
    await page.getByLabel('Title').fill('Sums');
    await page.getByTestId('paste-area').focus();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'What is 2 + 2?\n\nIt is 4. Anything else?\n\nNo, thanks!');
      document.querySelector('[data-testid="paste-area"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const choice = page.getByRole('group', { name: 'This text names no speaker. How should it be split into turns?' });
    await expect(choice.getByRole('radio', { name: 'One turn, the assistant’s' })).toBeChecked();
    const preview = page.getByTestId('import-preview');
    await expect(preview.getByTestId('preview-turn')).toHaveCount(1);
    await expect(preview.getByTestId('preview-turn')).toHaveAttribute('data-role', 'assistant');
    await choice.getByRole('radio', { name: /^A new turn at each blank line/ }).check();
    await expect(preview.getByRole('heading')).toHaveText('Detected: plain text, 3 turns');
    expect(await preview.getByTestId('preview-turn').evaluateAll((items) => items.map((item) => item.getAttribute('data-role')))).toEqual(['user', 'assistant', 'user']);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: 'Create conversation' }).click();
    await expect(page).toHaveURL(/^[^?#]*\/conversations\/[0-9a-f-]{36}$/);
    const conversationId = new URL(page.url()).pathname.split('/')[2] as string;
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant', 'user']);
    await openConversation(instructor, conversationId);

    // Each turn is labelled by its speaker select; the third becomes the assistant's.
    await expect(turns(page).getByLabel('Speaker')).toHaveCount(3);
    await turns(page).nth(2).getByLabel('Speaker').selectOption('assistant');
    await expect(turns(page).nth(2)).toHaveAttribute('data-role', 'assistant');
    await expect(turns(instructor.page).nth(2)).toHaveAttribute('data-role', 'assistant');

    // The second merges with the third: one assistant turn of two paragraphs.
    await turns(page).nth(1).hover();
    await turns(page).nth(1).getByRole('button', { name: 'Merge with next' }).click();
    await expect(turns(page)).toHaveCount(2);
    await expect(turnText(page, 1).locator('p')).toHaveText(['It is 4. Anything else?', 'No, thanks!']);
    await expect(turns(instructor.page)).toHaveCount(2);
    // The last turn offers no merge.
    await expect(turns(page).nth(1).getByRole('button', { name: 'Merge with next' })).toBeHidden();

    // Ctrl+Shift+Enter splits at the cursor: what follows is the other speaker's turn.
    await cursorBefore(page, 'Anything else?');
    await page.keyboard.press('Control+Shift+Enter');
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant', 'user']);
    await expect(turnText(page, 1)).toHaveText(/It is 4\.\s*$/);
    await expect(turnText(page, 2).locator('p')).toHaveText(['Anything else?', 'No, thanks!']);
    await expect(turns(instructor.page)).toHaveCount(3);
    await expect.poll(() => paragraphsOf(instructor.page, 2)).toEqual(['Anything else?', 'No, thanks!']);

    // The button splits too, before the paragraph holding the cursor.
    await cursorBefore(page, 'No, thanks!');
    await turns(page).nth(2).getByRole('button', { name: 'Split at cursor' }).click();
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant', 'user', 'assistant']);
    await expect(turnText(page, 3)).toHaveText('No, thanks!');
    await expect(turns(instructor.page)).toHaveCount(4);
    // Typing after a split goes where the cursor was put.
    await page.keyboard.type('Indeed. ');
    await expect.poll(() => paragraphsOf(instructor.page, 3)).toEqual(['Indeed. No, thanks!']);
    await expectNoSeriousAxeViolations(page);

    // All of it was stored: a reload shows the same turns.
    await page.reload();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant', 'user', 'assistant']);
    await expect(turnText(page, 3)).toHaveText('Indeed. No, thanks!');
    await instructor.context.close();
    await student.context.close();
  });

  test('a blank conversation: typing “Assistant: ” starts the assistant’s turn, and “Add turn” adds the next speaker’s', async ({ browser, baseURL }) => {
    const student = await person(browser, baseURL ?? '', 'turns-blank', 'Sam Student', desktop);
    const created = await student.context.request.post('/api/classes', { data: { name: 'Blank turns' } });
    const { id: classId } = (await created.json()) as { id: string };
    const started = await student.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Typed by hand' } });
    const { id: conversationId } = (await started.json()) as { id: string };
    await openConversation(student, conversationId);
    const { page } = student;
    await expect.poll(() => rolesOf(page)).toEqual(['user']);

    await editor(page).locator('p').first().click();
    await page.keyboard.type('What is 2 + 2?');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Assistant: 4');
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant']);
    await expect(turnText(page, 0)).toHaveText(/^What is 2 \+ 2\?$/);
    await expect(turnText(page, 1)).toHaveText('4');

    // The form suggests the other speaker of the last turn.
    const add = page.getByRole('form', { name: 'Add a turn' });
    await expect(add.getByLabel('New turn’s speaker')).toHaveValue('user');
    await add.getByRole('button', { name: 'Add turn' }).click();
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant', 'user']);
    await page.keyboard.type('Thanks');
    await expect(turnText(page, 2)).toHaveText('Thanks');
    await expect(add.getByLabel('New turn’s speaker')).toHaveValue('assistant');
    await expectNoSeriousAxeViolations(page);

    await page.reload();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect.poll(() => rolesOf(page)).toEqual(['user', 'assistant', 'user']);
    await student.context.close();
  });

  test('a model’s “Thought process” collapses and expands with its button, for this reader only', async ({ browser, baseURL }) => {
    const student = await person(browser, baseURL ?? '', 'turns-thought', 'Sam Student', desktop);
    const other = await person(browser, baseURL ?? '', 'turns-thought-other', 'Olga Other', desktop);
    const created = await student.context.request.post('/api/classes', { data: { name: 'Reasoning' } });
    const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
    expect((await other.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
    const html = gunzipSync(readFileSync(path.join(fixtures, 'claude_cooking.html.gz'))).toString('utf8');
    const started = await student.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Cooking', html } });
    expect(started.status()).toBe(201);
    const { id: conversationId } = (await started.json()) as { id: string };
    await openConversation(student, conversationId);
    await openConversation(other, conversationId);
    const { page } = student;

    const reasoning = editor(page).locator('blockquote.thought-process');
    await expect(reasoning).toHaveCount(3);
    const first = reasoning.first();
    const toggle = first.getByRole('button', { name: /^Thought process: / });
    // Long reasoning starts collapsed: its heading and button show, the rest does not.
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(first.locator('p').first()).toBeVisible();
    await expect(first.locator('p').nth(1)).toBeHidden();

    await toggle.click();
    await expect(first.getByRole('button', { name: 'Thought process: hide' })).toHaveAttribute('aria-expanded', 'true');
    await expect(first.locator('p').nth(1)).toBeVisible();
    // The other reader's view is untouched: collapsing changes nothing in the document.
    await expect(editor(other.page).locator('blockquote.thought-process').first().locator('p').nth(1)).toBeHidden();

    // By keyboard: the button takes Enter.
    await first.getByRole('button', { name: 'Thought process: hide' }).focus();
    await page.keyboard.press('Enter');
    await expect(first.getByRole('button', { name: 'Thought process: show' })).toHaveAttribute('aria-expanded', 'false');
    await expect(first.locator('p').nth(1)).toBeHidden();
    await expectNoSeriousAxeViolations(page);
    await other.context.close();
    await student.context.close();
  });
});
