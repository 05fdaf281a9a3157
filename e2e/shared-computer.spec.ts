import { expect, test } from '@playwright/test';
import { signInBrowser, uniqueEmail } from './support/sign-in';
import { openConversation, person } from './support/workspace-people';

/**
 * A shared school computer: someone's session ends without a sign-out (it idled out, the
 * tab was closed) and the next person signs in. Their first page deletes the offline copies
 * of everyone else; their own stay.
 */
test('the next person to sign in on a computer finds no one else’s offline copies', async ({ browser, baseURL }) => {
  const first = await person(browser, baseURL!, 'shared-first', 'First Pupil');
  const created = (await (await first.context.request.post('/api/classes', { data: { name: 'Shared class' } })).json()) as { id: string };
  const conversation = await first.context.request.post(`/api/classes/${created.id}/conversations`, { data: { title: 'Private', text: 'User: my own words' } });
  const conversationId = ((await conversation.json()) as { id: string }).id;
  const { id: firstId } = (await (await first.context.request.get('/api/me')).json()) as { id: string };
  await openConversation(first, conversationId);
  const databases = () => first.page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''));
  await expect.poll(databases).toContainEqual(`grimoire-${firstId}-conversation-${conversationId}`);

  // No sign-out: the next person signs in over the same browser.
  await signInBrowser(first.context, uniqueEmail('shared-next'), 'Next Pupil');
  await first.page.goto('/');
  await expect(first.page.getByRole('link', { name: 'Profile: Next Pupil' })).toBeVisible();
  await expect.poll(databases).not.toContainEqual(expect.stringContaining(firstId));
  await first.context.close();
});
