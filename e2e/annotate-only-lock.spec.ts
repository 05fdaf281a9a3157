import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { expectNoSidewaysScroll, phoneViewport } from './support/phone-width';
import { editor, openConversation, person, selectFirstWords } from './support/workspace-people';

/**
 * The annotate-only lock (issue 12, point 3): the instructor freezes the text from the
 * conversation's settings; the student's open page follows at once, its transcript takes no
 * typing, yet the student highlights and comments, and the instructor sees the comment.
 */

const desktop = { width: 1280, height: 900 };
const question = 'How do I boil an egg?';

test.describe('annotate-only lock', () => {
  test('an instructor sets Annotate only; the student cannot change the text but highlights and comments, and the instructor sees it', async ({ browser, baseURL }) => {
    const instructor = await person(browser, baseURL ?? '', 'frozen-instructor', 'Irene Instructor', desktop);
    const student = await person(browser, baseURL ?? '', 'frozen-student', 'Sam Student', desktop);
    const created = await instructor.context.request.post('/api/classes', { data: { name: 'Frozen text' } });
    const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
    expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
    const started = await student.context.request.post(`/api/classes/${classId}/conversations`, {
      data: { title: 'Boiling eggs', text: `User: ${question}\nAssistant: Put it in boiling water for nine minutes.` },
    });
    const { id: conversationId } = (await started.json()) as { id: string };

    // The student's page is open, editable, before the instructor freezes the text.
    await openConversation(student, conversationId);
    await expect(editor(student.page)).toHaveAttribute('contenteditable', 'true');

    // The instructor picks Annotate only with the keyboard and saves.
    await openConversation(instructor, conversationId);
    await instructor.page.getByText('Conversation settings').click();
    const group = instructor.page.getByRole('group', { name: 'What students may do' });
    await expect(group.getByRole('radio', { name: /^Open/ })).toBeChecked();
    await group.getByRole('radio', { name: /^Open/ }).focus();
    await instructor.page.keyboard.press('ArrowDown');
    await expect(group.getByRole('radio', { name: /^Annotate only/ })).toBeChecked();
    await instructor.page.keyboard.press('Tab');
    await expect(instructor.page.getByRole('button', { name: 'Save access' })).toBeFocused();
    await instructor.page.keyboard.press('Enter');
    await expect(instructor.page.getByRole('status').filter({ hasText: 'Saved. Annotate only' })).toBeVisible();
    expect(await (await instructor.context.request.get(`/api/conversations/${conversationId}`)).json()).toMatchObject({ annotateOnly: true, locked: false });

    // The student's open page follows without a reload: the text is frozen, the tools stay.
    const page = student.page;
    await expect(page.getByTestId('frozen-text-notice')).toHaveText('An instructor has frozen the text: you can still highlight and comment.');
    await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(page)).toHaveAttribute('aria-readonly', 'true');
    await expect(page.getByTestId('read-only-notice')).toHaveCount(0);

    // Typing changes nothing.
    await editor(page).locator('p').first().click();
    await page.keyboard.type('zzz');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect(editor(page).locator('p').first()).toHaveText(question);

    // Highlighting and commenting still work.
    await selectFirstWords(page, 8);
    await page.getByRole('button', { name: 'Highlight selection' }).click();
    await expect(editor(page).locator('mark[data-highlight-id]', { hasText: 'How do I' })).toHaveCount(1);
    const card = page.getByTestId('annotation-item').first();
    const comment = card.getByPlaceholder('Add a comment');
    await comment.fill('The question could say how firm.');
    await comment.press('Control+Enter');
    await expect(card.getByTestId('comment')).toHaveText([/The question could say how firm\./]);

    // The instructor sees the highlight and the comment; nothing typed reached them.
    await expect(instructor.page.getByTestId('annotation-item').first().getByTestId('comment')).toHaveText([/The question could say how firm\./]);
    await expect(editor(instructor.page).locator('mark[data-highlight-id]', { hasText: 'How do I' })).toHaveCount(1);
    await expect(editor(instructor.page)).not.toContainText('zzz');
    // The server refused nothing of the student's page (an honest page sends no text change).
    await expect(page.getByTestId('refused-changes')).toHaveCount(0);

    // After a reload the page opens frozen from the start.
    await page.reload();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('frozen-text-notice')).toBeVisible();
    await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(page).locator('mark[data-highlight-id]')).toHaveCount(1);
    await expectNoSeriousAxeViolations(page);

    // At 390 px: no sideways scrolling, for the student's page and the instructor's control.
    await page.setViewportSize(phoneViewport);
    await expect(page.getByTestId('frozen-text-notice')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await instructor.page.setViewportSize(phoneViewport);
    await expect(group).toBeVisible();
    await expectNoSidewaysScroll(instructor.page);
    await expectNoSeriousAxeViolations(instructor.page);

    // Open again: the student types.
    await group.getByRole('radio', { name: /^Open/ }).check();
    await instructor.page.getByRole('button', { name: 'Save access' }).click();
    await expect(instructor.page.getByRole('status').filter({ hasText: 'Saved. Open' })).toBeVisible();
    await expect(page.getByTestId('frozen-text-notice')).toHaveCount(0);
    await expect(editor(page)).toHaveAttribute('contenteditable', 'true');

    await instructor.context.close();
    await student.context.close();
  });
});
