import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { openConversation, person, selectFirstWords } from './support/workspace-people';

/**
 * The class's conversation list (issue 12): each row's counts and what is new to the reader
 * since their last visit ("New", then "Updated since your last visit" once a classmate
 * comments after it), and a search that finds a comment and shows it with the word marked.
 */

function rowOf(page: Page, title: string) {
  return page.getByTestId('conversation-row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'the page scrolls sideways').toBeLessThanOrEqual(widths.client);
}

test('the list shows counts and what is new since the last visit; a search finds a comment and marks the word', async ({ browser, baseURL }) => {
  const teacher = await person(browser, baseURL ?? '', 'teacher', 'Tess Teacher');
  const student = await person(browser, baseURL ?? '', 'student', 'Stu Student');
  const created = await teacher.context.request.post('/api/classes', { data: { name: 'Biology' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await student.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'Photosynthesis chat', text: 'User: How do plants eat?\nAssistant: They make sugar from light, water and air.' },
  });
  expect(started.status()).toBe(201);
  const { id: conversationId, platform } = (await started.json()) as { id: string; platform: string };
  expect(platform).toBe('plain-text');

  // Never opened by the teacher: new, with its counts.
  const { page } = teacher;
  await page.goto(`/classes/${classId}`);
  const row = rowOf(page, 'Photosynthesis chat');
  await expect(row.getByText('New', { exact: true })).toBeVisible();
  await expect(row).toContainText('Stu Student');
  await expect(row).toContainText('0 highlights');
  await expect(row).toContainText('0 comments');
  await expectNoSeriousAxeViolations(page);

  // The teacher opens it and comes back: nothing new.
  await openConversation(teacher, conversationId);
  await page.goto(`/classes/${classId}`);
  await expect(row).toBeVisible();
  await expect(row.getByText('New', { exact: true })).toHaveCount(0);
  await expect(row.getByText('Updated since your last visit')).toHaveCount(0);

  // The student highlights a passage and comments on it, and leaves (the server stores the summary).
  await openConversation(student, conversationId);
  await selectFirstWords(student.page, 8);
  await student.page.getByRole('button', { name: 'Highlight selection' }).click();
  const card = student.page.getByTestId('annotation-item').first();
  const comment = card.getByPlaceholder('Add a comment');
  await comment.fill('Ask where the chlorophyll comes in');
  await comment.press('Control+Enter');
  await expect(card.getByTestId('comment')).toHaveText([/chlorophyll/]);
  await student.context.close();

  // Updated after the teacher's visit, with the new counts, once the document is stored.
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('Updated since your last visit')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('1 highlight');
  await expect(row).toContainText('1 comment');

  // A word of the comment finds it, and shows the comment with the word marked.
  await page.getByLabel('Search titles, text, comments and tags').fill('chlorophyll');
  await page.getByRole('button', { name: 'Search' }).click();
  const snippet = rowOf(page, 'Photosynthesis chat').getByTestId('conversation-snippet');
  await expect(snippet).toContainText('Ask where the chlorophyll comes in');
  await expect(snippet.locator('mark')).toHaveText('chlorophyll');
  await expectNoSeriousAxeViolations(page);

  // A word deep in the text: the passage, not the start.
  await page.getByLabel('Search titles, text, comments and tags').fill('water');
  await page.getByLabel('Search titles, text, comments and tags').press('Enter');
  await expect(rowOf(page, 'Photosynthesis chat').getByTestId('conversation-snippet').locator('mark')).toHaveText('water');
  await expect(rowOf(page, 'Photosynthesis chat').getByTestId('conversation-snippet')).toContainText('Assistant: They make sugar from light');

  // On a phone: no sideways scrolling, the list and the search included.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await page.goto(`/classes/${classId}`);
  await expect(rowOf(page, 'Photosynthesis chat')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await teacher.context.close();
});
