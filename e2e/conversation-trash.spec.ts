import { expect, test, type Browser } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { person } from './support/workspace-people';

/**
 * A delete destroys nothing: the conversation goes to its class's trash, from where an
 * instructor (or its owner) restores it with its text; a student cannot delete a locked one.
 */
async function classroom(browser: Browser, baseURL: string, viewport?: { width: number; height: number }) {
  const instructor = await person(browser, baseURL, 'trash-instructor', 'Irene Instructor', viewport);
  const student = await person(browser, baseURL, 'trash-student', 'Sam Student');
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Trash class' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await student.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'Photosynthesis notes', text: 'User: What does chlorophyll do?\nAssistant: It absorbs red and blue light.' },
  });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  return { instructor, student, classId, conversationId };
}

test.describe('the trash', () => {
  test('an instructor deletes a conversation, finds it in the trash, restores it and opens it with its text', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '', { width: 390, height: 844 });
    const page = room.instructor.page;
    await page.goto(`/conversations/${room.conversationId}`);
    await expect(page.locator('.transcript-editor')).toContainText('It absorbs red and blue light.');
    await page.getByText('Conversation settings').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete conversation' }).click();

    await expect(page).toHaveURL(new RegExp(`/classes/${room.classId}$`));
    await expect(page.getByRole('link', { name: 'Photosynthesis notes' })).toHaveCount(0);
    expect((await room.student.context.request.get(`/api/conversations/${room.conversationId}`)).status()).toBe(404);

    await page.getByRole('link', { name: 'class’s trash' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Trash' })).toBeVisible();
    const item = page.getByTestId('trash-list').getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('Photosynthesis notes');
    await expect(item).toContainText('Sam Student');
    await expect(item).toContainText('by you');
    // Phone width: nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousAxeViolations(page);

    // By keyboard.
    const restore = page.getByRole('button', { name: 'Restore “Photosynthesis notes”' });
    await restore.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/conversations/${room.conversationId}$`));
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect(page.locator('.transcript-editor')).toContainText('It absorbs red and blue light.');

    await page.goto(`/classes/${room.classId}/trash`);
    await expect(page.getByText('The trash is empty.')).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.goto(`/classes/${room.classId}`);
    await expect(page.getByRole('link', { name: 'Photosynthesis notes' })).toBeVisible();
    for (const someone of [room.instructor, room.student]) await someone.context.close();
  });

  test('a student cannot delete a locked conversation of theirs: the page says why, the API answers 403', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    expect((await room.instructor.context.request.patch(`/api/conversations/${room.conversationId}`, { data: { locked: true } })).status()).toBe(200);
    const page = room.student.page;
    await page.goto(`/conversations/${room.conversationId}`);
    await page.getByText('Conversation settings').click();
    await expect(page.getByText('An instructor has locked this conversation, so only an instructor can delete it.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Delete conversation' })).toHaveCount(0);

    const refused = await room.student.context.request.delete(`/api/conversations/${room.conversationId}`);
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'forbidden', message: 'An instructor has locked this conversation, so only an instructor can delete it.' } });

    // The instructor may; the student then sees it in their trash too, and may restore it once.
    expect((await room.instructor.context.request.delete(`/api/conversations/${room.conversationId}`)).status()).toBe(204);
    const trash = (await (await room.student.context.request.get(`/api/classes/${room.classId}/trash`)).json()) as { items: Array<{ id: string; deletedBy: { name: string } }> };
    expect(trash.items.map((item) => [item.id, item.deletedBy.name])).toEqual([[room.conversationId, 'Irene Instructor']]);
    const restored = await room.student.context.request.post(`/api/conversations/${room.conversationId}/restore`);
    expect(restored.status()).toBe(200);
    expect(await restored.json()).toMatchObject({ id: room.conversationId, title: 'Photosynthesis notes', locked: true });
    expect((await room.student.context.request.post(`/api/conversations/${room.conversationId}/restore`)).status()).toBe(409);
    for (const someone of [room.instructor, room.student]) await someone.context.close();
  });

  test('who sees the trash and who may restore, asked by raw HTTP', async ({ browser, baseURL, playwright }) => {
    const url = baseURL ?? '';
    const room = await classroom(browser, url);
    const other = await person(browser, url, 'trash-other', 'Olive Other');
    const outsider = await person(browser, url, 'trash-outsider', 'Otto Outsider');
    const { inviteCode } = (await (await room.instructor.context.request.get(`/api/classes/${room.classId}`)).json()) as { inviteCode: string };
    expect((await other.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
    expect((await other.context.request.delete(`/api/conversations/${room.conversationId}`)).status()).toBe(403);
    expect((await room.student.context.request.delete(`/api/conversations/${room.conversationId}`)).status()).toBe(204);
    expect((await room.student.context.request.delete(`/api/conversations/${room.conversationId}`)).status()).toBe(404);

    const signedOut = await playwright.request.newContext({ baseURL: url, extraHTTPHeaders: { origin: url } });
    const trashOf = async (api: typeof signedOut) => {
      const response = await api.get(`/api/classes/${room.classId}/trash`);
      return response.status() === 200 ? ((await response.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id) : response.status();
    };
    expect(await trashOf(signedOut)).toBe(401);
    expect(await trashOf(outsider.context.request)).toBe(404);
    expect(await trashOf(other.context.request)).toEqual([]);
    expect(await trashOf(room.student.context.request)).toEqual([room.conversationId]);
    expect(await trashOf(room.instructor.context.request)).toEqual([room.conversationId]);

    const restore = (api: typeof signedOut, id = room.conversationId) => api.post(`/api/conversations/${id}/restore`).then((response) => response.status());
    expect(await restore(signedOut)).toBe(401);
    expect(await restore(outsider.context.request)).toBe(404);
    expect(await restore(other.context.request)).toBe(404);
    expect(await restore(room.instructor.context.request, 'not-an-id')).toBe(404);
    // Twice at once, as a double click would: one restores, the other changes nothing.
    expect((await Promise.all([restore(room.instructor.context.request), restore(room.student.context.request)])).sort()).toEqual([200, 409]);
    expect((await other.context.request.get(`/api/conversations/${room.conversationId}`)).status()).toBe(200);
    await signedOut.dispose();
    for (const someone of [room.instructor, room.student, other, outsider]) await someone.context.close();
  });
});
