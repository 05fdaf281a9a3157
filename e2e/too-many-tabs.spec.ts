import { expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { limits } from '@/lib/limits';
import { openConversation, person } from './support/workspace-people';

/**
 * One person's connections to a conversation are limited (several tabs and a phone fit): a
 * page past the limit says why it is not connected and connects by itself once a tab closes.
 */
test('a page past the limit of one person’s connections says so, and connects once a tab closes', async ({ browser, baseURL }) => {
  const student = await person(browser, baseURL!, 'many-tabs', 'Many Tabs');
  const created = (await (await student.context.request.post('/api/classes', { data: { name: 'Tabs class' } })).json()) as { id: string };
  const conversation = await student.context.request.post(`/api/classes/${created.id}/conversations`, { data: { title: 'Tabs', text: 'User: hello\nAssistant: hi' } });
  const conversationId = ((await conversation.json()) as { id: string }).id;

  // The other "tabs": raw connections with the same cookie, as many as the limit allows.
  const { cookies } = await student.context.storageState();
  const cookie = cookies.map((entry) => `${entry.name}=${entry.value}`).join('; ');
  const tabs = await Promise.all(
    Array.from(
      { length: limits.sync.maxConnectionsPerUserPerDocument },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(`${baseURL!.replace(/^http/, 'ws')}/yjs/${conversationId}`, { headers: { cookie } });
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );

  await student.page.goto(`/conversations/${conversationId}`);
  const status = student.page.getByTestId('connection-status');
  await expect(status).toContainText('open in too many of your tabs or devices');
  await expect(status).not.toHaveAttribute('data-state', 'connected');

  tabs[0]!.close();
  await expect(status).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  await expect(status).not.toContainText('too many');
  for (const tab of tabs) tab.close();
  await openConversation(student, conversationId);
  await student.context.close();
});
