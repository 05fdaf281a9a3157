import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { editor, openConversation, person, selectFirstWords } from './support/workspace-people';

/**
 * Version history, in two real browsers: a student wipes the transcript with Ctrl+A, Delete;
 * the instructor finds the version kept before the wipe in History, sees what differs, and
 * restores it; both pages get the text, the highlight and the comment back live.
 */
const question = 'How do I boil an egg?';
const answer = 'Put it in boiling water for nine minutes.';

/** An instructor's class, its owner (a student who starts the conversation) and another student on a phone. */
async function classroom(browser: Browser, baseURL: string) {
  const instructor = await person(browser, baseURL, 'instructor', 'Irene Instructor');
  const owner = await person(browser, baseURL, 'owner', 'Olga Owner');
  const student = await person(browser, baseURL, 'student', 'Sam Student', { width: 390, height: 844 });
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Prompting 101' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  for (const member of [owner, student]) expect((await member.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await owner.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'Boiling eggs', text: `User: ${question}\nAssistant: ${answer}` },
  });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  return { instructor, owner, student, conversationId };
}

function historyPanel(page: Page) {
  return page.getByRole('dialog', { name: 'History' });
}

/**
 * Opens History and waits for a version kept for `reason` to be listed. The server keeps the
 * version as the update arrives and stores it a moment later, so a list fetched just before
 * that is closed and fetched again.
 */
async function openHistoryShowing(page: Page, reason: string) {
  await expect(async () => {
    if (await historyPanel(page).isVisible()) await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(historyPanel(page).getByTestId('version-item').filter({ hasText: reason }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  return historyPanel(page).getByTestId('version-item').filter({ hasText: reason });
}

async function expectEverythingBack(page: Page): Promise<void> {
  await expect(editor(page)).toContainText(question);
  await expect(editor(page)).toContainText(answer);
  await expect(editor(page).locator('mark[data-highlight-id]')).toHaveText('How do I');
  await expect(page.getByTestId('annotation-item')).toHaveCount(1);
  await expect(page.getByTestId('comment')).toContainText('Check the timing.');
}

test.describe('version history', () => {
  test('a wiped transcript comes back from History, live in every page, with its highlight and comment', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    const room = await classroom(browser, baseURL ?? '');
    await openConversation(room.instructor, room.conversationId);
    await openConversation(room.student, room.conversationId);

    // A highlight with a comment, made by the instructor, seen by the student.
    await selectFirstWords(room.instructor.page, 8);
    await room.instructor.page.getByRole('button', { name: 'Highlight selection' }).click();
    await room.instructor.page.getByPlaceholder('Add a comment').fill('Check the timing.');
    await room.instructor.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(room.student.page.getByTestId('comment')).toContainText('Check the timing.');

    // The student (not the owner) wipes the transcript: gone from both pages.
    await editor(room.student.page).click();
    await room.student.page.keyboard.press('ControlOrMeta+a');
    await room.student.page.keyboard.press('Delete');
    for (const someone of [room.student, room.instructor]) {
      await expect(editor(someone.page)).not.toContainText('boil');
      await expect(someone.page.getByTestId('annotation-item')).toHaveCount(0);
    }

    // The instructor finds the version kept before the wipe and sees what it had.
    const page = room.instructor.page;
    const beforeWipe = await openHistoryShowing(page, 'Before a large deletion');
    await expect(beforeWipe.first()).toContainText('Irene Instructor');
    await beforeWipe.first().click();
    const detail = historyPanel(page).getByTestId('version-detail');
    await expect(detail.getByRole('heading', { name: /^Version of / })).toBeFocused();
    await expect(detail.getByTestId('version-difference-summary')).toContainText('were removed and 0 lines added');
    const removed = detail.getByTestId('version-difference').locator('[data-kind="removed"]');
    await expect(removed.filter({ hasText: `User: ${question}` })).toHaveCount(1);
    await expect(removed.filter({ hasText: `Assistant: ${answer}` })).toHaveCount(1);
    await expect(removed.first()).toContainText('−');
    await expect(detail.getByTestId('version-difference').locator('[data-kind="added"]')).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // Restoring asks first; cancelling changes nothing.
    await detail.getByRole('button', { name: 'Restore this version' }).click();
    await expect(detail.getByRole('button', { name: 'Yes, restore it' })).toBeFocused();
    await detail.getByRole('button', { name: 'Cancel' }).click();
    await expect(detail.getByRole('button', { name: 'Restore this version' })).toBeFocused();
    await expect(editor(room.student.page)).not.toContainText('boil');

    await detail.getByRole('button', { name: 'Restore this version' }).click();
    await detail.getByRole('button', { name: 'Yes, restore it' }).click();
    await expect(historyPanel(page)).toBeHidden();
    await expect(page.getByRole('button', { name: 'History', exact: true })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Restored the version of' })).toBeVisible();

    // Back in both pages without a reload: text, highlight and comment.
    for (const someone of [room.instructor, room.student]) await expectEverythingBack(someone.page);

    // And in the stored text, once the server has compacted the document.
    await expect
      .poll(
        async () => {
          const response = await room.instructor.context.request.get(`/api/conversations/${room.conversationId}`);
          return ((await response.json()) as { rawText?: string }).rawText ?? '';
        },
        { timeout: 30_000 },
      )
      .toContain(question);

    // The wiped state is itself a version, kept before the restore: nothing of it was in the text.
    const beforeRestore = await openHistoryShowing(page, 'Before a restore');
    await expect(historyPanel(page).getByTestId('version-item').first()).toContainText('Before a restore');
    await beforeRestore.first().click();
    await expect(detail.getByTestId('version-difference-summary')).toContainText('0 lines were removed');
    await expect(detail.getByTestId('version-difference').locator('[data-kind="added"]').filter({ hasText: `User: ${question}` })).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(historyPanel(page)).toBeHidden();

    const versions = (await (await room.instructor.context.request.get(`/api/conversations/${room.conversationId}/versions`)).json()) as {
      items: Array<{ id: string; reason: string }>;
    };
    const restoreVersion = versions.items.find((item) => item.reason === 'restore');
    expect(restoreVersion).toBeDefined();
    const wiped = (await (await room.instructor.context.request.get(`/api/conversations/${room.conversationId}/versions/${restoreVersion?.id}`)).json()) as {
      rawText: string;
    };
    expect(wiped.rawText).not.toContain('boil');

    for (const someone of [room.instructor, room.owner, room.student]) await someone.context.close();
  });

  test('a student who does not own the conversation reads History on a phone but cannot save or restore; Escape closes it', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    const saved = await room.owner.context.request.post(`/api/conversations/${room.conversationId}/versions`, { data: {} });
    expect(saved.status()).toBe(201);
    await openConversation(room.student, room.conversationId);
    const page = room.student.page;

    const opener = page.getByRole('button', { name: 'History', exact: true });
    await opener.click();
    const panel = historyPanel(page);
    const item = panel.getByTestId('version-item').filter({ hasText: 'Saved by hand' });
    await expect(item).toHaveCount(1);
    await expect(panel.getByRole('button', { name: 'Save a version' })).toHaveCount(0);
    // A sheet over the whole phone screen, nothing wider than it.
    const box = await panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(390);
    expect(box?.width).toBeGreaterThan(380);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await item.click();
    const detail = panel.getByTestId('version-detail');
    await expect(detail.getByTestId('version-difference-summary')).toHaveText('This version is the same as the text now.');
    await detail.getByText('Full text of this version (read-only)').click();
    await expect(detail.getByTestId('version-text')).toContainText(`User: ${question}`);
    await expect(detail.getByRole('button', { name: 'Restore this version' })).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // The server agrees: restoring as this student is refused, and the text is untouched.
    const [version] = ((await (await room.student.context.request.get(`/api/conversations/${room.conversationId}/versions`)).json()) as { items: Array<{ id: string }> }).items;
    const refused = await room.student.context.request.post(`/api/conversations/${room.conversationId}/versions/${version?.id}/restore`, { data: {} });
    expect(refused.status()).toBe(403);

    await detail.getByRole('button', { name: '← All versions' }).click();
    await expect(item).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(opener).toBeFocused();
    for (const someone of [room.instructor, room.owner, room.student]) await someone.context.close();
  });

  test('History lists a page of versions and loads the next with Load more', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    // One more than a page (the list's page size is 50).
    for (let count = 0; count < 51; count += 1) {
      const saved = await room.owner.context.request.post(`/api/conversations/${room.conversationId}/versions`, { data: { label: `Draft ${count + 1}` } });
      expect(saved.status()).toBe(201);
    }
    await openConversation(room.student, room.conversationId);
    const page = room.student.page;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const items = historyPanel(page).getByTestId('version-item');
    await expect(items).toHaveCount(50);
    // Newest first: the last one saved heads the list, and the first is not on this page.
    await expect(items.first()).toContainText('Saved by hand: “Draft 51”');
    await expect(items.filter({ hasText: '“Draft 1”' })).toHaveCount(0);
    await historyPanel(page).getByRole('button', { name: 'Load more' }).click();
    await expect(items).toHaveCount(51);
    await expect(items.last()).toContainText('“Draft 1”');
    await expect(historyPanel(page).getByRole('button', { name: 'Load more' })).toHaveCount(0);
    for (const someone of [room.instructor, room.owner, room.student]) await someone.context.close();
  });

  test('the owner keeps a version by hand, and an empty history says when one will come', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    await openConversation(room.owner, room.conversationId);
    const page = room.owner.page;
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const panel = historyPanel(page);
    await expect(panel).toContainText('No versions yet: one is kept every 5 minutes while people edit.');

    let saves = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/conversations/${room.conversationId}/versions`)) saves += 1;
    });
    await panel.getByRole('button', { name: 'Save a version' }).dblclick();
    await expect(panel.getByRole('status').filter({ hasText: 'Saved a version of' })).toBeVisible();
    // A double click keeps one version, not two.
    expect(saves).toBe(1);
    await expect(panel.getByTestId('version-item')).toHaveCount(1);
    await expect(panel.getByTestId('version-item')).toContainText('Saved by hand');
    await panel.getByTestId('version-item').click();
    await expect(panel.getByRole('button', { name: 'Restore this version' })).toBeVisible();
    for (const someone of [room.instructor, room.owner, room.student]) await someone.context.close();
  });
});
