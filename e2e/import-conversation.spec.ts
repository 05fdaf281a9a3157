import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { signInBrowser, uniqueEmail } from './support/sign-in';

const fixtures = path.join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'conversations');

function fixture(name: string): string {
  return gunzipSync(readFileSync(path.join(fixtures, name))).toString('utf8');
}

test('a student pastes a ChatGPT conversation, sees the detected turns, and creates it', async ({ browser, baseURL }) => {
  const instructorContext = await browser.newContext({ baseURL });
  await signInBrowser(instructorContext, uniqueEmail('importer-instructor'), 'Ines Instructor');
  const created = await instructorContext.request.post('/api/classes', { data: { name: 'Import class' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };

  const context = await browser.newContext({ baseURL });
  await signInBrowser(context, uniqueEmail('importer'), 'Ira Importer');
  expect((await context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const page = await context.newPage();
  await page.goto(`/classes/${classId}`);
  await expect(page.getByText('No conversations yet')).toBeVisible();
  await page.getByRole('link', { name: 'New conversation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New conversation' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel('Title').fill('BibLaTeX help');
  const html = fixture('openai_biblatex.html.gz');
  await page.getByTestId('paste-area').focus();
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/html', pasted);
    data.setData('text/plain', 'ignored when HTML is there');
    document.querySelector('[data-testid="paste-area"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);

  const preview = page.getByTestId('import-preview');
  await expect(preview.getByRole('heading')).toContainText('Detected: ChatGPT');
  const roles = await preview.getByTestId('preview-turn').evaluateAll((items) => items.map((item) => item.getAttribute('data-role')));
  expect(roles.length).toBeGreaterThanOrEqual(2);
  expect(roles[0]).toBe('user');
  expect(roles[1]).toBe('assistant');
  await expect(preview).not.toContainText('ChatGPT said');
  await expectNoSeriousAxeViolations(page);

  await page.getByRole('button', { name: 'Create conversation' }).click();
  await expect(page).toHaveURL(/\/conversations\//);
  await expect(page.getByRole('heading', { level: 1, name: 'BibLaTeX help' })).toBeVisible();
  await expect(page.locator('.transcript-editor section.turn')).toHaveCount(roles.length);
  await expect(page.locator('.transcript-editor section.turn').first()).toHaveAttribute('data-role', 'user');
  await expectNoSeriousAxeViolations(page);

  // The class page lists it, with its owner and a preview, and finds it by a word in its text.
  await page.goto(`/classes/${classId}`);
  const list = page.getByTestId('conversation-list');
  await expect(list).toContainText('BibLaTeX help');
  await expect(list).toContainText('Ira Importer');
  await page.getByLabel('Search titles, text, comments and tags').fill('bibliography');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('conversation-list')).toContainText('BibLaTeX help');
  await page.getByLabel('Search titles, text, comments and tags').fill('zebracorn');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No conversation matches that search.')).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await context.close();
  await instructorContext.close();
});
