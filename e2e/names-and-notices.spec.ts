import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { expectNoSidewaysScroll, phoneViewport } from './support/phone-width';
import { signInBrowser, uniqueEmail } from './support/sign-in';
import { openConversation, person, type Person } from './support/workspace-people';

/**
 * Issue 12, "Names" and small things: a first sign-in asks for the name others see, and it is
 * the name everywhere (never the email); the status line after a removal and while
 * read-only; leaving as the only instructor; one date style; a workspace bar that does not
 * jump when someone arrives.
 */

/** An instructor's class with a student in it and a conversation the student started. */
async function classroom(browser: Browser, baseURL: string, student?: Person) {
  const instructor = await person(browser, baseURL, 'names-instructor', 'Irene Instructor');
  const pupil = student ?? (await person(browser, baseURL, 'names-student', 'Sam Student'));
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Names and notices' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await pupil.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await pupil.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'Boiling eggs', text: 'User: How do I boil an egg?\nAssistant: Put it in boiling water for nine minutes.' },
  });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  return { instructor, student: pupil, classId, conversationId };
}

async function userIdOf(someone: Person): Promise<string> {
  return ((await (await someone.context.request.get('/api/me')).json()) as { id: string }).id;
}

/** A box's place and size, rounded to the pixel. */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not laid out');
  return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
}

async function workspaceBar(page: Page) {
  const bar = page.locator('.workspace-bar');
  const buttons = bar.locator('.workspace-actions > button, .workspace-actions > a');
  const positions = [];
  for (let index = 0; index < (await buttons.count()); index++) positions.push(await boxOf(buttons.nth(index)));
  return { bar: await boxOf(bar), buttons: positions };
}

test.describe('names', () => {
  test('a first sign-in asks “What should we call you?”, refuses a blank name in words, keeps where the person was going, and that name is what others see', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    const email = uniqueEmail('grace.hopper');
    const context = await browser.newContext({ baseURL });
    // Signed in without a name (as a magic link or a school's sign-in may leave someone).
    await signInBrowser(context, email, '');
    const { inviteCode } = (await (await room.instructor.context.request.get(`/api/classes/${room.classId}`)).json()) as { inviteCode: string };
    const page = await context.newPage();
    const joinPath = `/join/${inviteCode}`;
    await page.goto(joinPath);
    await expect(page).toHaveURL((url) => url.pathname === '/welcome' && url.searchParams.get('next') === joinPath);
    await expect(page.getByRole('heading', { level: 1, name: 'What should we call you?' })).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    // Keyboard only: the field has focus, blanks are refused by the server in words.
    const field = page.getByLabel('Your name');
    await expect(field).toBeFocused();
    await page.keyboard.type('   ');
    await page.keyboard.press('Enter');
    await expect(page.locator('#welcome-name-message')).toHaveText('Name must not be empty.');
    await expect(page.locator('#welcome-name-message')).toHaveRole('alert');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('Grace Hopper');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL((url) => url.pathname === joinPath);

    // The API says 400 and names the field for a name too long.
    const tooLong = await context.request.patch('/api/me', { data: { name: 'x'.repeat(81) } });
    expect(tooLong.status()).toBe(400);
    expect(JSON.stringify(await tooLong.json())).toContain('name');

    await page.getByRole('button', { name: 'Join class' }).click();
    await expect(page).toHaveURL(new RegExp(`/classes/${room.classId}$`));

    // The roster and the live presence say "Grace Hopper", nowhere the email's local part.
    await room.instructor.page.goto(`/classes/${room.classId}`);
    const members = room.instructor.page.locator('#people');
    await expect(members).toContainText('Grace Hopper');
    await expect(members).not.toContainText('Unnamed member');
    const grace: Person = { context, page, name: 'Grace Hopper' };
    await openConversation(room.instructor, room.conversationId);
    await openConversation(grace, room.conversationId);
    await expect(room.instructor.page.getByTestId('presence-person').filter({ hasText: 'Grace Hopper' })).toHaveCount(1);
    await expect(room.instructor.page.locator('.presence-list')).not.toContainText('grace.hopper');
    for (const someone of [room.instructor, room.student, grace]) await someone.context.close();
  });

  test('the welcome page sends a person with a name straight on, never to another site; it fits a phone', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: phoneViewport });
    await signInBrowser(context, uniqueEmail('nameless-phone'), '');
    const page = await context.newPage();
    await page.goto('/welcome?next=https://evil.example/steal');
    await expectNoSidewaysScroll(page);
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL((url) => url.origin === new URL(baseURL ?? '').origin && url.pathname === '/');
    // Named now: /welcome does not ask again.
    await page.goto('/welcome?next=%2Fprofile');
    await expect(page).toHaveURL((url) => url.pathname === '/profile');
    await expect(page.getByLabel('Display name')).toHaveValue('Ada Lovelace');
    await context.close();
  });
});

test.describe('notices and small things', () => {
  test('a removed student’s status line says disconnected, never “Reconnecting… keep typing”', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    await openConversation(room.student, room.conversationId);
    const status = room.student.page.getByTestId('connection-status');
    expect((await room.instructor.context.request.delete(`/api/classes/${room.classId}/members/${await userIdOf(room.student)}`)).status()).toBe(204);
    await expect(room.student.page.getByTestId('read-only-notice')).toContainText('no longer');
    await expect(status).toHaveAttribute('data-state', 'closed');
    await expect(status).toContainText('Disconnected');
    await expect(status).not.toContainText('Reconnecting');
    await expect(status).not.toContainText('Keep typing');
    for (const someone of [room.instructor, room.student]) await someone.context.close();
  });

  test('a locked student’s status line never says that changes are saved or kept, online or offline', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    expect((await room.instructor.context.request.patch(`/api/conversations/${room.conversationId}`, { data: { locked: true } })).status()).toBe(200);
    await openConversation(room.student, room.conversationId);
    const status = room.student.page.getByTestId('connection-status');
    await expect(status).toContainText('Read-only');
    await expect(status).not.toContainText('saved as you type');
    await room.student.context.setOffline(true);
    await expect(status).toHaveAttribute('data-state', 'offline');
    await expect(status).toContainText('Read-only');
    await expect(status).not.toContainText('Keep typing');
    await room.student.context.setOffline(false);
    await expect(status).toHaveAttribute('data-state', 'connected');
    for (const someone of [room.instructor, room.student]) await someone.context.close();
  });

  test('the only instructor is told up front that they cannot leave; with a second instructor they may', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    const page = room.instructor.page;
    let asked = false;
    page.on('dialog', (dialog) => {
      asked = true;
      void dialog.dismiss();
    });
    await page.goto(`/classes/${room.classId}`);
    const leave = page.getByRole('region', { name: 'Leave this class' });
    await expect(leave).toContainText('only instructor');
    await expect(leave.getByRole('button', { name: 'Leave class' })).toBeDisabled();
    await expect(leave.getByRole('button', { name: 'Leave class' })).toHaveAccessibleDescription(/make someone else an instructor first/);
    expect(asked).toBe(false);
    // The server refuses it anyway.
    const refused = await room.instructor.context.request.delete(`/api/classes/${room.classId}/members/${await userIdOf(room.instructor)}`);
    expect(refused.status()).toBe(409);

    expect((await room.instructor.context.request.patch(`/api/classes/${room.classId}/members/${await userIdOf(room.student)}`, { data: { role: 'instructor' } })).status()).toBe(200);
    await page.reload();
    await expect(leave.getByRole('button', { name: 'Leave class' })).toBeEnabled();
    await expect(leave).not.toContainText('only instructor');
    for (const someone of [room.instructor, room.student]) await someone.context.close();
  });

  test('dates are written one way: the roster’s, the conversation list’s and the version history’s', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    const page = room.instructor.page;
    await page.goto(`/classes/${room.classId}`);
    const dates = await page.locator('#people time, .class-page time').allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}(, \d{2}:\d{2}( UTC)?)?$/);

    await openConversation(room.instructor, room.conversationId);
    expect((await room.instructor.context.request.post(`/api/conversations/${room.conversationId}/versions`, { data: {} })).status()).toBe(201);
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const kept = page.getByTestId('version-item').locator('time').first();
    await expect(kept).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}$/);
    for (const someone of [room.instructor, room.student]) await someone.context.close();
  });

  test('the workspace bar keeps its height and its buttons in place when a second person arrives', async ({ browser, baseURL }) => {
    const room = await classroom(browser, baseURL ?? '');
    await openConversation(room.instructor, room.conversationId);
    const presence = room.instructor.page.getByTestId('presence-person');
    await expect(presence).toHaveCount(1);
    const before = await workspaceBar(room.instructor.page);
    expect(before.buttons.length).toBeGreaterThan(0);

    await openConversation(room.student, room.conversationId);
    await expect(presence).toHaveCount(2);
    await expect(presence.filter({ hasText: 'Sam Student' })).toHaveCount(1);
    expect(await workspaceBar(room.instructor.page)).toEqual(before);

    await room.student.context.close();
    await expect(presence).toHaveCount(1, { timeout: 60_000 });
    expect(await workspaceBar(room.instructor.page)).toEqual(before);
    await room.instructor.context.close();
  });
});
