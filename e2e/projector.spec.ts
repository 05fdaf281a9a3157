import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { editor, openConversation, person, type Person } from './support/workspace-people';

/**
 * The projector: an instructor presents a conversation full screen, steps through its turns
 * and highlights with the keys, and a student's page follows; then the instructor leaves.
 */

/** Six turns, the answers long enough that the later turns start below a laptop's fold. */
function transcript(): string {
  const answer = (topic: string) => Array.from({ length: 6 }, (_, index) => `${topic} paragraph ${index + 1} of a careful answer.`).join('\n\n');
  return [
    'User: First question about eggs.',
    `Assistant: ${answer('Eggs')}`,
    'User: Second question about bread.',
    `Assistant: ${answer('Bread')}`,
    'User: Third question about tea.',
    `Assistant: ${answer('Tea')}`,
  ].join('\n');
}

/** Selects the first `length` characters of the transcript paragraph that starts with `start`. */
async function selectStartOf(page: Page, start: string, length: number): Promise<void> {
  await page.evaluate(
    ({ start, length }) => {
      const paragraph = [...document.querySelectorAll('.transcript-editor p')].find((element) => element.textContent?.startsWith(start));
      const text = paragraph?.firstChild;
      if (!text) throw new Error(`no paragraph starting with ${start}`);
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, length);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    },
    { start, length },
  );
}

async function highlightWithComment(someone: Person, start: string, length: number, comment: string): Promise<void> {
  const page = someone.page;
  await selectStartOf(page, start, length);
  await page.getByRole('button', { name: 'Highlight selection' }).click();
  const card = page.locator('.annotation-focused');
  await card.getByPlaceholder('Add a comment').fill(comment);
  await card.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(card.getByTestId('comment')).toContainText(comment);
}

const fontSize = (page: Page, selector: string) => page.locator(selector).first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

test('an instructor presents on the projector, steps through turns and highlights with the keys, and the class follows', async ({ browser, baseURL }) => {
  const instructor = await person(browser, baseURL ?? '', 'projector-teacher', 'Paula Presenter');
  const student = await person(browser, baseURL ?? '', 'projector-student', 'Sid Student');
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Projector class' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await instructor.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Kitchen talk', text: transcript() } });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };

  await openConversation(instructor, conversationId);
  await openConversation(student, conversationId);
  await expect(editor(instructor.page).locator('section.turn')).toHaveCount(6);
  await highlightWithComment(instructor, 'Second question', 15, 'Why does the student ask again?');
  await highlightWithComment(instructor, 'Tea paragraph 1', 15, 'Is this figure right?');
  await expect(student.page.getByTestId('annotation-item')).toHaveCount(2);
  const workspaceSize = await fontSize(instructor.page, '.transcript-editor p');

  // Presenting: only the transcript, large; focus moves into the projector.
  const present = instructor.page.getByRole('button', { name: 'Present', exact: true });
  await present.focus();
  await instructor.page.evaluate(() => window.scrollTo(0, 0));
  await present.press('Enter');
  const projector = instructor.page.getByTestId('projector');
  await expect(projector).toBeVisible();
  await expect(projector).toBeFocused();
  await expect(instructor.page.getByRole('toolbar', { name: 'Annotate the transcript' })).toBeHidden();
  await expect(instructor.page.getByTestId('connection-status')).toBeHidden();
  await expect(instructor.page.getByRole('complementary', { name: 'Annotations' })).toBeHidden();
  await expect(projector.locator('.projector-transcript section.turn')).toHaveCount(6);
  expect(await fontSize(instructor.page, '.projector-transcript p')).toBeGreaterThan(workspaceSize * 1.3);
  // It opens on the highlight just made (the one selected), then Home goes to the first turn.
  await expect(projector.getByText('Turn 6 of 6, a highlight under discussion')).toBeVisible();
  await instructor.page.keyboard.press('Home');
  await expect(projector.getByText('Turn 1 of 6')).toBeVisible();
  await expect(projector.getByText('Esc', { exact: true })).toBeVisible();
  await expect(student.page.getByText('Paula Presenter is presenting.')).toBeVisible();

  // ArrowDown steps to the next turn; the student's page scrolls to the same turn.
  const studentTurns = editor(student.page).locator('section.turn');
  await expect(studentTurns.nth(4)).not.toBeInViewport();
  for (let step = 0; step < 4; step++) await instructor.page.keyboard.press('ArrowDown');
  await expect(projector.getByText('Turn 5 of 6')).toBeVisible();
  await expect(projector.locator('section.turn.projector-current')).toContainText('Third question about tea.');
  await expect(studentTurns.nth(4)).toBeInViewport();

  // ArrowRight puts the next highlight under discussion: its comment large beside the text,
  // and the student's page selects it.
  await instructor.page.keyboard.press('ArrowRight');
  const discussion = instructor.page.getByTestId('projector-discussion');
  await expect(discussion).toBeVisible();
  await expect(discussion).toContainText('Is this figure right?');
  await expect(discussion).toContainText('Tea paragraph 1');
  expect(await fontSize(instructor.page, '.projector-comment-text')).toBeGreaterThan(workspaceSize * 1.2);
  const teaHighlight = editor(student.page).locator('mark[data-highlight-id]', { hasText: 'Tea paragraph 1' });
  await expect(teaHighlight).toBeInViewport();
  await expect(student.page.locator('.annotation-focused')).toContainText('Is this figure right?');
  await expect.poll(() => teaHighlight.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');

  // ArrowLeft goes back to the earlier highlight, in document order.
  await instructor.page.keyboard.press('ArrowLeft');
  await expect(discussion).toContainText('Why does the student ask again?');
  await expect(projector.getByText('Turn 3 of 6, a highlight under discussion')).toBeVisible();
  await expect(student.page.locator('.annotation-focused')).toContainText('Why does the student ask again?');
  await expectNoSeriousAxeViolations(instructor.page);

  // Home and End go to the ends; Tab stays on the projector's own control.
  await instructor.page.keyboard.press('End');
  await expect(projector.getByText('Turn 6 of 6')).toBeVisible();
  await expect(studentTurns.nth(5)).toBeInViewport();
  await instructor.page.keyboard.press('Home');
  await expect(projector.getByText('Turn 1 of 6')).toBeVisible();
  await expect(studentTurns.nth(0)).toBeInViewport();
  await instructor.page.keyboard.press('Tab');
  await expect(projector.getByRole('button', { name: 'Stop presenting' })).toBeFocused();
  await instructor.page.keyboard.press('Tab');
  await expect(projector.getByRole('button', { name: 'Stop presenting' })).toBeFocused();

  // Esc leaves: the workspace is back, focus on the Present button, the class is told.
  await instructor.page.keyboard.press('Escape');
  await expect(projector).toHaveCount(0);
  await expect(instructor.page.getByRole('toolbar', { name: 'Annotate the transcript' })).toBeVisible();
  await expect(instructor.page.getByTestId('connection-status')).toBeVisible();
  await expect(present).toBeFocused();
  await expect.poll(() => instructor.page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  await expect(student.page.getByText('Paula Presenter is presenting.')).toHaveCount(0);

  // "Stop presenting" leaves too, and a student who unticks "Follow along" stays where they are.
  await present.click();
  await expect(projector).toBeVisible();
  await student.page.getByLabel('Follow along').uncheck();
  await instructor.page.keyboard.press('End');
  await expect(projector.getByText('Turn 6 of 6')).toBeVisible();
  await expect(studentTurns.nth(0)).toBeInViewport();
  await projector.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(projector).toHaveCount(0);
  await expect(present).toBeFocused();

  await instructor.context.close();
  await student.context.close();
});

test('at 390 px the transcript scrolls with the page, not in a box of its own, and nothing overflows sideways', async ({ browser, baseURL }) => {
  const instructor = await person(browser, baseURL ?? '', 'projector-phone', 'Phoebe Phone', { width: 390, height: 800 });
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Phone class' } });
  const { id: classId } = (await created.json()) as { id: string };
  const started = await instructor.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Long on a phone', text: transcript() } });
  const { id: conversationId } = (await started.json()) as { id: string };
  await openConversation(instructor, conversationId);

  const scroller = instructor.page.locator('.editor-scroll');
  const box = await scroller.evaluate((element) => ({ scrollHeight: element.scrollHeight, clientHeight: element.clientHeight, overflowY: getComputedStyle(element).overflowY }));
  expect(box.overflowY === 'visible' || box.scrollHeight === box.clientHeight, JSON.stringify(box)).toBe(true);
  // The page is what scrolls: the transcript is taller than the window.
  expect(await instructor.page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
  expect(await instructor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await instructor.context.close();
});
