import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { startOwnAppServer } from './support/app-server';
import { editor, openConversation, person, selectFirstWords } from './support/workspace-people';

/**
 * The conversation workspace with several people at once: live typing with carets,
 * highlights and comments, locking, offline editing, and everything surviving a restart.
 */
/** An instructor's class with two students in it, and a conversation a student started. */
async function classroom(browser: Browser, baseURL: string, conversation: { title: string; text?: string }) {
  const instructor = await person(browser, baseURL, 'instructor', 'Irene Instructor');
  const studentA = await person(browser, baseURL, 'student-a', 'Sam Student');
  const studentB = await person(browser, baseURL, 'student-b', 'Bea Student');
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Prompting 101' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  for (const student of [studentA, studentB]) expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await studentA.context.request.post(`/api/classes/${classId}/conversations`, { data: conversation });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  return { instructor, studentA, studentB, classId, conversationId };
}

/** The transcript's text without the others' caret labels drawn inside it. */
function transcriptText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.querySelector('.transcript-editor')?.cloneNode(true) as HTMLElement | undefined;
    copy?.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy?.textContent ?? '';
  });
}

/** Places the caret at the end of the first paragraph of the transcript and types. */
async function typeAtEndOfFirstParagraph(page: Page, text: string): Promise<void> {
  await editor(page).locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

test.describe('conversation workspace', () => {
  test('typing appears for the others within a second, with the author’s caret; highlights and comments too', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '', { title: 'Boiling eggs', text: 'User: How do I boil an egg?\nAssistant: Put it in boiling water for nine minutes.' });
    const people = [room.studentA, room.studentB, room.instructor];
    for (const someone of people) await openConversation(someone, room.conversationId);
    await expect(room.instructor.page.getByTestId('presence-person')).toHaveCount(3);

    await typeAtEndOfFirstParagraph(room.studentA.page, ' Please be brief.');
    const typedAt = Date.now();
    for (const other of [room.studentB, room.instructor]) {
      await expect(editor(other.page)).toContainText('How do I boil an egg? Please be brief.', { timeout: 1_000 });
      await expect(other.page.locator('.collaboration-carets__label', { hasText: room.studentA.name })).toBeVisible({ timeout: 1_000 });
    }
    expect(Date.now() - typedAt).toBeLessThan(2_000);

    // A highlight with a tag and a comment, made by one, appears for the others.
    await selectFirstWords(room.studentB.page, 8);
    await room.studentB.page.getByLabel('Tag', { exact: true }).selectOption({ label: 'hallucination' });
    await room.studentB.page.getByRole('button', { name: 'Highlight selection' }).click();
    await room.studentB.page.getByPlaceholder('Add a comment').fill('Is this really how it works?');
    await room.studentB.page.getByRole('button', { name: 'Comment', exact: true }).click();
    for (const other of [room.studentA, room.instructor]) {
      const item = other.page.getByTestId('annotation-item');
      await expect(item).toHaveCount(1);
      await expect(item).toContainText('hallucination');
      await expect(item).toContainText('How do I');
      await expect(item.getByTestId('comment')).toContainText('Is this really how it works?');
      await expect(editor(other.page).locator('mark[data-highlight-id]')).toHaveText('How do I');
    }
    await expectNoSeriousAxeViolations(room.instructor.page);
    for (const someone of people) await someone.context.close();
  });

  test('highlights stay on their text while others edit around them, and the class follows a presenting instructor', async ({ browser, baseURL }) => {
    const paragraphs = Array.from({ length: 40 }, (_, index) => `Line ${index + 1} of a long answer about eggs.`).join('\n\n');
    const room = await classroom(browser, baseURL ?? '', { title: 'Long one', text: `User: Tell me about eggs.\nAssistant: ${paragraphs}` });
    await openConversation(room.instructor, room.conversationId);
    await openConversation(room.studentA, room.conversationId);

    await selectFirstWords(room.instructor.page, 4);
    await room.instructor.page.getByRole('button', { name: 'Highlight selection' }).click();
    await expect(editor(room.studentA.page).locator('mark[data-highlight-id]')).toHaveText('Tell');
    // The student types before, after and around the highlighted word: it stays on "Tell".
    await editor(room.studentA.page).locator('p').first().click();
    await room.studentA.page.keyboard.press('Home');
    await room.studentA.page.keyboard.type('Please ');
    await room.studentA.page.keyboard.press('End');
    await room.studentA.page.keyboard.type(' Briefly.');
    await expect(editor(room.instructor.page).locator('p').first()).toContainText('Please Tell me about eggs. Briefly.');
    await expect(editor(room.instructor.page).locator('mark[data-highlight-id]')).toHaveText('Tell');

    // Presenting: the student is told, and follows the presented turn and highlight (the
    // transcript scrolls with the page: the student's window scrolls back to the first turn).
    await room.instructor.page.getByRole('button', { name: 'Present' }).click();
    await expect(room.studentA.page.getByText('Irene Instructor is presenting.')).toBeVisible();
    await room.studentA.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(editor(room.studentA.page).locator('p').first()).not.toBeInViewport();
    await room.instructor.page.keyboard.press('End');
    await room.instructor.page.keyboard.press('Home');
    await expect(editor(room.studentA.page).locator('p').first()).toBeInViewport();
    await room.instructor.page.keyboard.press('ArrowRight');
    await expect(room.studentA.page.getByTestId('annotation-item')).toHaveClass(/annotation-focused/);
    await room.instructor.page.getByRole('button', { name: 'Stop presenting' }).click();
    await expect(room.studentA.page.getByText('Irene Instructor is presenting.')).toHaveCount(0);
    for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();
  });

  test('a locked conversation cannot be typed into by a student, and says why', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '', { title: 'Locked one', text: 'User: Original text' });
    expect((await room.instructor.context.request.patch(`/api/conversations/${room.conversationId}`, { data: { locked: true } })).status()).toBe(200);
    await openConversation(room.studentA, room.conversationId);
    await expect(room.studentA.page.getByTestId('read-only-notice')).toContainText('locked');
    await expect(editor(room.studentA.page)).toHaveAttribute('contenteditable', 'false');
    await editor(room.studentA.page).click();
    await room.studentA.page.keyboard.type('sneaky edit');
    await expect(editor(room.studentA.page)).not.toContainText('sneaky edit');
    await expect(room.studentA.page.getByRole('button', { name: 'Highlight selection' })).toHaveCount(0);

    // The instructor can still edit, and the student sees it live.
    await openConversation(room.instructor, room.conversationId);
    await typeAtEndOfFirstParagraph(room.instructor.page, ' (instructor note)');
    await expect(editor(room.studentA.page)).toContainText('Original text (instructor note)');

    // Unlocked: the student's open page becomes editable without a reload (the server says so
    // at once; the page does not poll), and the edit reaches others.
    expect((await room.instructor.context.request.patch(`/api/conversations/${room.conversationId}`, { data: { locked: false } })).status()).toBe(200);
    await expect(editor(room.studentA.page)).toHaveAttribute('contenteditable', 'true', { timeout: 2_000 });
    await expect(room.studentA.page.getByTestId('read-only-notice')).toHaveCount(0);
    await typeAtEndOfFirstParagraph(room.studentA.page, ' student again');
    await expect(editor(room.instructor.page)).toContainText('(instructor note) student again');
    // Locked again while open: read-only at once.
    expect((await room.instructor.context.request.patch(`/api/conversations/${room.conversationId}`, { data: { locked: true } })).status()).toBe(200);
    await expect(editor(room.studentA.page)).toHaveAttribute('contenteditable', 'false', { timeout: 5_000 });
    for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();
  });

  test('going offline, typing, and coming back merges the text', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '', { title: 'Flaky Wi-Fi', text: 'User: Start' });
    await openConversation(room.studentA, room.conversationId);
    await openConversation(room.studentB, room.conversationId);

    await room.studentA.context.setOffline(true);
    await expect(room.studentA.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
    await typeAtEndOfFirstParagraph(room.studentA.page, ' offline-words');
    await typeAtEndOfFirstParagraph(room.studentB.page, ' online-words');
    await expect(editor(room.studentB.page)).not.toContainText('offline-words');

    await room.studentA.context.setOffline(false);
    await expect(room.studentA.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    for (const someone of [room.studentA, room.studentB]) {
      await expect(editor(someone.page)).toContainText('offline-words');
      await expect(editor(someone.page)).toContainText('online-words');
    }
    const [a, b] = await Promise.all([transcriptText(room.studentA.page), transcriptText(room.studentB.page)]);
    expect(a).toBe(b);
    for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();
  });

  test('offline edits refused on reconnect because the conversation was locked meanwhile: the page says so, the text can be copied out, and it goes on from the shared version', async ({
    browser,
    baseURL,
  }) => {
    const room = await classroom(browser, baseURL ?? '', { title: 'Locked while away', text: 'User: Start' });
    await room.studentA.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openConversation(room.studentA, room.conversationId);

    await room.studentA.context.setOffline(true);
    await expect(room.studentA.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
    await typeAtEndOfFirstParagraph(room.studentA.page, ' typed-while-away');
    expect((await room.instructor.context.request.patch(`/api/conversations/${room.conversationId}`, { data: { locked: true } })).status()).toBe(200);
    await room.studentA.context.setOffline(false);

    const notice = room.studentA.page.getByTestId('refused-changes');
    await expect(notice).toContainText('Your changes were not saved');
    await expect(notice).toContainText('read-only');
    await expect(room.studentA.page.getByTestId('refused-text')).toHaveValue(/typed-while-away/);
    await notice.getByRole('button', { name: 'Copy my text' }).click();
    await expect(notice).toContainText('Copied.');
    expect(await room.studentA.page.evaluate(() => navigator.clipboard.readText())).toContain('typed-while-away');
    // The page goes on from the server's version, read-only, and the server kept nothing of it.
    await expect(editor(room.studentA.page)).toContainText('Start');
    await expect(editor(room.studentA.page)).not.toContainText('typed-while-away');
    await expect(editor(room.studentA.page)).toHaveAttribute('contenteditable', 'false');
    await expect(room.studentA.page.getByTestId('read-only-notice')).toContainText('locked');
    await expect(room.studentA.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    const stored = await room.instructor.context.request.get(`/api/conversations/${room.conversationId}`);
    expect(((await stored.json()) as { rawText: string }).rawText).not.toContain('typed-while-away');
    // After a reload it is still gone: this browser's copy was replaced by the server's.
    await room.studentA.page.reload();
    await expect(editor(room.studentA.page)).toContainText('Start');
    await expect(editor(room.studentA.page)).not.toContainText('typed-while-away');
    for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();
  });

  test('offline edits of someone removed from the class meanwhile: the page says so, keeps the text to copy, and deletes its copy', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '', { title: 'Removed while away', text: 'User: Start' });
    await openConversation(room.studentB, room.conversationId);
    const { id: studentBId } = (await (await room.studentB.context.request.get('/api/me')).json()) as { id: string };
    await room.studentB.context.setOffline(true);
    await expect(room.studentB.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'offline');
    await typeAtEndOfFirstParagraph(room.studentB.page, ' words-of-the-removed');
    expect((await room.instructor.context.request.delete(`/api/classes/${room.classId}/members/${studentBId}`)).status()).toBe(204);
    await room.studentB.context.setOffline(false);

    // Whichever way the page learns it (a 404 at the door and the API, or the 4403 of a socket
    // the emulated offline left open), it says so and keeps the text.
    const notice = room.studentB.page.getByTestId('refused-changes');
    await expect(notice).toContainText(/no longer (available to you|have access)/);
    await expect(room.studentB.page.getByTestId('refused-text')).toHaveValue(/words-of-the-removed/);
    await expect(editor(room.studentB.page)).toHaveAttribute('contenteditable', 'false');
    await expect
      .poll(() => room.studentB.page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? '')))
      .not.toContainEqual(expect.stringContaining(room.conversationId));
    for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();
  });

  test('offline copies are this person’s, deleted when the conversation is, and every one of this browser’s is gone after signing out', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '', { title: 'Shared computer', text: 'User: Private words' });
    const other = await room.studentA.context.request.post(`/api/classes/${room.classId}/conversations`, { data: { title: 'Second one', text: 'User: More' } });
    const { id: secondId } = (await other.json()) as { id: string };
    const databases = () => room.studentA.page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));
    const { id: userId } = (await (await room.studentA.context.request.get('/api/me')).json()) as { id: string };

    await openConversation(room.studentA, secondId);
    await openConversation(room.studentA, room.conversationId);
    await expect.poll(databases).toContainEqual(`grimoire-${userId}-conversation-${room.conversationId}`);
    expect(await databases()).toContainEqual(`grimoire-${userId}-conversation-${secondId}`);

    // Deleted while open: closed with 4404, and its copy deleted.
    await openConversation(room.studentA, secondId);
    expect((await room.instructor.context.request.delete(`/api/conversations/${secondId}`)).status()).toBe(204);
    await expect(room.studentA.page.getByTestId('read-only-notice')).toContainText('trash');
    await expect.poll(databases).not.toContainEqual(expect.stringContaining(secondId));

    await openConversation(room.studentA, room.conversationId);
    await room.studentA.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(room.studentA.page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect((await databases()).filter((name) => name.startsWith('grimoire'))).toEqual([]);
    for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();
  });

  test('after every browser closes and the server restarts, text, highlights and comments are all there', async ({ browser }) => {
    test.setTimeout(180_000);
    const server = await startOwnAppServer();
    try {
      const room = await classroom(browser, server.baseURL, { title: 'Keep me', text: 'User: Remember this sentence.' });
      await openConversation(room.studentA, room.conversationId);
      await typeAtEndOfFirstParagraph(room.studentA.page, ' And this addition.');
      await selectFirstWords(room.studentA.page, 8);
      await room.studentA.page.getByRole('button', { name: 'Highlight selection' }).click();
      await room.studentA.page.getByPlaceholder('Add a comment').fill('Still here after a restart?');
      await room.studentA.page.getByRole('button', { name: 'Comment', exact: true }).click();
      await expect(room.studentA.page.getByTestId('comment')).toHaveCount(1);
      // Cookies only (no IndexedDB): after the restart, what the instructor sees can only come from the server.
      const instructorSession = await room.instructor.context.storageState();
      for (const someone of [room.instructor, room.studentA, room.studentB]) await someone.context.close();

      await server.stop();
      await server.restart();

      const context = await browser.newContext({ baseURL: server.baseURL, storageState: instructorSession });
      const instructor = { context, page: await context.newPage(), name: room.instructor.name };
      await openConversation(instructor, room.conversationId);
      await expect(editor(instructor.page)).toContainText('Remember this sentence. And this addition.');
      await expect(editor(instructor.page).locator('mark[data-highlight-id]')).toHaveText('Remember');
      await expect(instructor.page.getByTestId('annotation-item')).toHaveCount(1);
      await expect(instructor.page.getByTestId('comment')).toContainText('Still here after a restart?');
      await context.close();
    } finally {
      await server.dispose();
    }
  });
});
