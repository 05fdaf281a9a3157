import { expect, test } from '@playwright/test';
import { limits } from '@/lib/limits';
import { editor, openConversation, person } from './support/workspace-people';

/**
 * A paste too large to send in one message (a long chat in a script of three-byte characters)
 * is closed by the WebSocket layer (1009). Sending it again would fail again for ever, so the
 * page says so, keeps the text to copy out, and goes on from the shared version.
 */
test('a paste too large to send says so, keeps the text to copy out, and the page goes on syncing', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const student = await person(browser, baseURL!, 'large-paste', 'Large Paste');
  const created = (await (await student.context.request.post('/api/classes', { data: { name: 'Paste class' } })).json()) as { id: string };
  const conversation = await student.context.request.post(`/api/classes/${created.id}/conversations`, { data: { title: 'Paste', text: 'User: short question' } });
  const conversationId = ((await conversation.json()) as { id: string }).id;
  await openConversation(student, conversationId);

  // Three bytes each in UTF-8: a little over the message limit.
  const characters = Math.ceil(limits.sync.maxMessageBytes / 3) + 10_000;
  await student.page.evaluate((count) => {
    const element = document.querySelector('.ProseMirror') as (HTMLElement & { editor?: { commands: { insertContent(text: string): boolean } } }) | null;
    if (!element?.editor) throw new Error('no editor');
    element.editor.commands.insertContent('日'.repeat(count));
  }, characters);

  const notice = student.page.getByText('was too large to send');
  await expect(notice).toBeVisible({ timeout: 60_000 });
  const kept = await student.page.getByTestId('refused-text').inputValue();
  expect(kept.length).toBeGreaterThanOrEqual(characters);
  // The page starts again from the server's version and syncs: an edit now reaches the server.
  await expect(student.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await expect(editor(student.page)).not.toContainText('日日日');
  await editor(student.page).getByText('short question').click();
  await student.page.keyboard.press('End');
  await student.page.keyboard.type(' and more');
  await expect
    .poll(async () => ((await (await student.context.request.get(`/api/conversations/${conversationId}`)).json()) as { rawText: string }).rawText, { timeout: 15_000 })
    .toContain('short question and more');
  await student.context.close();
});
