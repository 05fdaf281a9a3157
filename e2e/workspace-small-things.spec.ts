import { expect, test, type Browser } from '@playwright/test';
import { editor, openConversation, person, selectFirstWords, type Person } from './support/workspace-people';

/** Small things from issue 12: one highlight per click, Ctrl+Enter sends, a duplicate tag is named, a favicon. */

/** A student in an instructor's class, with a conversation of the student's open. */
async function studentWithConversation(browser: Browser, baseURL: string): Promise<Person> {
  const instructor = await person(browser, baseURL, 'instructor', 'Irene Instructor');
  const student = await person(browser, baseURL, 'student', 'Sam Student');
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Small things' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await student.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'Boiling eggs', text: 'User: How do I boil an egg?\nAssistant: Put it in boiling water for nine minutes.' },
  });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  await instructor.context.close();
  await openConversation(student, conversationId);
  return student;
}

test.describe('workspace small things', () => {
  test('a double click on “Highlight selection” makes one highlight; Ctrl+Enter and Cmd+Enter send a comment', async ({ browser, baseURL }) => {
    const student = await studentWithConversation(browser, baseURL ?? '');
    const { page } = student;
    const items = page.getByTestId('annotation-item');

    await selectFirstWords(page, 8);
    await page.getByRole('button', { name: 'Highlight selection' }).dblclick();
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    // Another passage, highlighted once: when it is listed, every earlier click has been applied.
    await page.evaluate(() => {
      const text = document.querySelectorAll('.transcript-editor p')[1]?.firstChild;
      if (!text) throw new Error('no second paragraph');
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 6);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    });
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await expect(editor(page).locator('mark[data-highlight-id]', { hasText: 'Put it' })).toHaveCount(1);
    await expect(items).toHaveCount(2);
    await expect(editor(page).locator('mark[data-highlight-id]', { hasText: 'How do I' })).toHaveCount(1);

    const comment = items.first().getByPlaceholder('Add a comment');
    await comment.fill('Sent with Ctrl+Enter');
    await comment.press('Control+Enter');
    await expect(items.first().getByTestId('comment')).toHaveText([/Sent with Ctrl\+Enter/]);
    await expect(comment).toHaveValue('');
    await comment.fill('Sent with Cmd+Enter');
    await comment.press('Meta+Enter');
    await expect(items.first().getByTestId('comment')).toHaveText([/Sent with Ctrl\+Enter/, /Sent with Cmd\+Enter/]);
    // An empty comment is not sent.
    await comment.press('Control+Enter');
    await expect(items.first().getByTestId('comment')).toHaveCount(2);
    await student.context.close();
  });

  test('adding “Effective” when “effective” exists says so', async ({ browser, baseURL }) => {
    const student = await studentWithConversation(browser, baseURL ?? '');
    const { page } = student;
    await page.getByRole('button', { name: 'New tag' }).click();
    await page.getByLabel('New tag name').fill('Effective');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.locator('.tag-form').getByRole('alert')).toHaveText('A tag named “effective” already exists.');
    await expect(page.getByLabel('Tag', { exact: true }).locator('option', { hasText: /^effective$/i })).toHaveCount(1);
    await student.context.close();
  });

  test('pages have a favicon that loads', async ({ page }) => {
    await page.goto('/');
    const icon = page.locator('link[rel="icon"]');
    await expect(icon.first()).toHaveAttribute('href', /icon/);
    const href = await icon.first().getAttribute('href');
    const response = await page.request.get(new URL(href ?? '', page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('image/svg+xml');
  });
});
