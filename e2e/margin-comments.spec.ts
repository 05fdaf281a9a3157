import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { editor, openConversation, person } from './support/workspace-people';

/**
 * Comments in the margin (issue 12, point 1): each highlight's card beside its passage,
 * stacking without overlap; a highlight and its card select each other; threads resolve and
 * reopen; one's own comment is edited; the new-tag form is a disclosure; on a phone a tapped
 * highlight opens its card in a sheet.
 */

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };
const lines = Array.from({ length: 40 }, (_, index) => `Line ${index + 1} of a long answer about boiling eggs.`);

/** An instructor's class, a student in it and a long conversation the student started. */
async function classWithConversation(browser: Browser, baseURL: string, text = `User: Tell me about eggs.\nAssistant: ${lines.join('\n\n')}`) {
  const instructor = await person(browser, baseURL, 'margin-instructor', 'Irene Instructor', desktop);
  const student = await person(browser, baseURL, 'margin-student', 'Sam Student', desktop);
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Margins' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await student.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Eggs at length', text } });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  return { instructor, student, classId, conversationId };
}

/** Highlights the first `length` characters of the transcript's paragraph `index` (0: the question); returns its id. */
async function highlightParagraph(page: Page, index: number, length = 8): Promise<string> {
  const before = await editor(page).locator('mark[data-highlight-id]').count();
  await page.evaluate(
    ([paragraph, count]) => {
      const text = document.querySelectorAll('.transcript-editor p')[paragraph!]?.firstChild;
      if (!text) throw new Error(`no paragraph ${paragraph}`);
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, count!);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    },
    [index, length],
  );
  await page.getByRole('button', { name: 'Highlight selection' }).click();
  await expect(editor(page).locator('mark[data-highlight-id]')).toHaveCount(before + 1);
  const id = await editor(page).locator('p').nth(index).locator('mark[data-highlight-id]').first().getAttribute('data-highlight-id');
  if (!id) throw new Error('no highlight id');
  return id;
}

const mark = (page: Page, id: string) => editor(page).locator(`mark[data-highlight-id="${id}"]`).first();
const cardOf = (page: Page, id: string) => page.locator(`.margin-column [data-testid="annotation-item"][data-highlight-id="${id}"]`);

async function top(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return box.y;
}

/** How far a card's top is from its mark's top, once the layout has settled. */
async function expectBeside(page: Page, id: string): Promise<void> {
  await expect.poll(async () => Math.abs((await top(cardOf(page, id))) - (await top(mark(page, id))))).toBeLessThanOrEqual(8);
}

async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe('comments in the margin', () => {
  test('at 1280 px cards sit beside their passages and stack without overlapping; a highlight and its card select each other', async ({ browser, baseURL }) => {
    const { instructor, student, conversationId } = await classWithConversation(browser, baseURL ?? '');
    await instructor.context.close();
    await openConversation(student, conversationId);
    const { page } = student;
    await expect(page.getByTestId('highlights-empty')).toContainText('Select text in the transcript');

    const early = await highlightParagraph(page, 2);
    const late = await highlightParagraph(page, 36);
    await expect(page.getByTestId('highlights-empty')).toHaveCount(0);
    await expectBeside(page, early);
    await expectBeside(page, late);

    // Two passages a line apart: their cards stack, one under the other.
    const close = await highlightParagraph(page, 20);
    const closer = await highlightParagraph(page, 21);
    await expect
      .poll(async () => {
        const [first, second] = [await cardOf(page, close).boundingBox(), await cardOf(page, closer).boundingBox()];
        return first && second ? second.y - (first.y + first.height) : -1;
      })
      .toBeGreaterThanOrEqual(0);

    // Clicking a highlight selects its card, which aligns with it.
    await mark(page, close).click();
    await expect(cardOf(page, close)).toHaveClass(/annotation-focused/);
    await expect(cardOf(page, closer)).not.toHaveClass(/annotation-focused/);
    await expectBeside(page, close);
    // Clicking a card marks its highlight in the text, and the card moves beside it (the one above makes room).
    await cardOf(page, closer).locator('.annotation-excerpt').click();
    await expect(cardOf(page, closer)).toHaveAttribute('aria-current', 'true');
    await expect(mark(page, closer)).toHaveCSS('outline-style', 'solid');
    await expect(mark(page, close)).not.toHaveCSS('outline-style', 'solid');
    await expectBeside(page, closer);

    // Keyboard: Tab goes from one card to the next; focus (or Enter) selects it; it is labelled.
    await cardOf(page, early).focus();
    await expect(cardOf(page, early)).toHaveAttribute('aria-current', 'true');
    await expect(cardOf(page, early)).toHaveAttribute('aria-label', /^Highlight 1 of 4, [\w-]+: “Line 2 o”$/);
    await expect
      .poll(async () => {
        await page.keyboard.press('Tab');
        return page.evaluate(() => document.activeElement?.getAttribute('data-highlight-id') ?? null);
      })
      .toBe(close);
    await page.keyboard.press('Enter');
    await expect(cardOf(page, close)).toHaveAttribute('aria-current', 'true');
    await expect(mark(page, close)).toHaveCSS('outline-style', 'solid');

    await expectNoSeriousAxeViolations(page);
    await student.context.close();
  });

  test('a thread resolves to one line and reopens; one’s own comment is edited, another’s is not', async ({ browser, baseURL }) => {
    const { instructor, student, conversationId } = await classWithConversation(browser, baseURL ?? '', 'User: How do I boil an egg?\nAssistant: Put it in boiling water for nine minutes.');
    await openConversation(student, conversationId);
    await openConversation(instructor, conversationId);
    const id = await highlightParagraph(student.page, 0);
    const card = cardOf(student.page, id);
    await card.getByPlaceholder('Add a comment').fill('Is nine minutes right?');
    await card.getByPlaceholder('Add a comment').press('Control+Enter');
    const theirCard = cardOf(instructor.page, id);
    await expect(theirCard.getByTestId('comment')).toHaveText([/Is nine minutes right\?/]);
    await theirCard.getByPlaceholder('Add a comment').fill('For a hard yolk, yes.');
    await theirCard.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(card.getByTestId('comment')).toHaveCount(2);

    // Edit is offered on one's own comment only.
    const [own, others] = [card.getByTestId('comment').nth(0), card.getByTestId('comment').nth(1)];
    await expect(others.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
    await expect(theirCard.getByTestId('comment').nth(0).getByRole('button', { name: /^Edit/ })).toHaveCount(0);
    await own.getByRole('button', { name: 'Edit your comment' }).click();
    const box = own.getByLabel('Edit your comment');
    await expect(box).toBeFocused();
    await box.fill('Is nine minutes too long?');
    await box.press('Control+Enter');
    await expect(own.locator('.comment-text')).toHaveText('Is nine minutes too long?');
    await expect(own.getByTestId('comment-edited')).toContainText('edited');
    await expect(theirCard.getByTestId('comment').nth(0)).toContainText('Is nine minutes too long?');
    await expect(theirCard.getByTestId('comment').nth(0).getByTestId('comment-edited')).toBeVisible();
    // Escape leaves an edit without saving it.
    await own.getByRole('button', { name: 'Edit your comment' }).click();
    await own.getByLabel('Edit your comment').fill('Never mind');
    await own.getByLabel('Edit your comment').press('Escape');
    await expect(own.getByLabel('Edit your comment')).toHaveCount(0);
    await expect(own.locator('.comment-text')).toHaveText('Is nine minutes too long?');
    await expect(own.getByRole('button', { name: 'Edit your comment' })).toBeFocused();

    // Resolve: kept, collapsed to one line, for everyone; Reopen brings the thread back.
    await card.getByRole('button', { name: 'Resolve this thread' }).click();
    await expect(card.getByTestId('resolved-summary')).toContainText('Resolved by Sam Student · 2 comments');
    await expect(card.getByTestId('comment')).toHaveCount(0);
    await expect(card.getByPlaceholder('Add a comment')).toHaveCount(0);
    await expect(theirCard.getByTestId('resolved-summary')).toBeVisible();
    await expect(theirCard).toHaveAttribute('aria-label', /, resolved$/);
    await theirCard.getByRole('button', { name: 'Reopen this thread' }).click();
    await expect(card.getByTestId('resolved-summary')).toHaveCount(0);
    await expect(card.getByTestId('comment')).toHaveText([/Is nine minutes too long\?/, /For a hard yolk, yes\./]);
    await expect(card.getByPlaceholder('Add a comment')).toBeVisible();

    // The new-tag form opens from its button and closes once the tag is added.
    await student.page.getByRole('button', { name: 'New tag' }).click();
    await expect(student.page.getByRole('button', { name: 'New tag' })).toHaveAttribute('aria-expanded', 'true');
    await student.page.getByLabel('New tag name').fill('too-long');
    await student.page.getByRole('button', { name: 'Add tag' }).click();
    await expect(student.page.getByLabel('New tag name')).toHaveCount(0);
    await expect(student.page.getByRole('button', { name: 'New tag' })).toHaveAttribute('aria-expanded', 'false');
    await expect(student.page.getByLabel('Tag', { exact: true }).locator('option', { hasText: 'too-long' })).toHaveCount(1);

    await expectNoSeriousAxeViolations(student.page);
    await student.context.close();
    await instructor.context.close();
  });

  test('at 390 px there is no margin: a highlight tapped (clicked) opens its card in a sheet that Escape closes', async ({ browser, baseURL }) => {
    const { instructor, student, conversationId } = await classWithConversation(browser, baseURL ?? '', 'User: How do I boil an egg?\nAssistant: Put it in boiling water for nine minutes.');
    await openConversation(instructor, conversationId);
    const id = await highlightParagraph(instructor.page, 1, 6);
    await cardOf(instructor.page, id).getByPlaceholder('Add a comment').fill('Check the timing.');
    await cardOf(instructor.page, id).getByRole('button', { name: 'Comment', exact: true }).click();
    await instructor.context.close();

    await student.page.setViewportSize(phone);
    await openConversation(student, conversationId);
    const { page } = student;
    await expect(page.locator('.margin-column')).toHaveCount(0);
    await expect(page.getByTestId('annotation-item')).toHaveCount(1);
    await expectNoSidewaysScroll(page, phone.width);

    await mark(page, id).click();
    const sheet = page.getByRole('dialog', { name: /^Highlight: / });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId('comment')).toContainText('Check the timing.');
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    const box = await sheet.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= phone.width).toBe(true);
    await expectNoSidewaysScroll(page, phone.width);
    await expectNoSeriousAxeViolations(page);

    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(editor(page)).toBeFocused();
    // The Close button closes it too.
    await mark(page, id).click();
    await expect(sheet).toBeVisible();
    await sheet.getByRole('button', { name: 'Close' }).click();
    await expect(sheet).toHaveCount(0);
    await student.context.close();
  });
});
