import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { signedInApi, signInBrowser, uniqueEmail } from './support/sign-in';

/**
 * Joining always asks: opening an invite link (a plain GET, as a link planted in a transcript
 * would be followed) joins nobody; the page names the class and its Join button POSTs. When a
 * link does not work, the page says why and when to try again.
 */

interface InvitingClass {
  instructor: APIRequestContext;
  classId: string;
  inviteCode: string;
}

async function classWithInvite(baseURL: string, name: string): Promise<InvitingClass> {
  const instructor = await signedInApi(baseURL, uniqueEmail('invite-instructor'), 'Ines Instructor');
  const created = await instructor.post('/api/classes', { data: { name } });
  expect(created.status()).toBe(201);
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  return { instructor, classId, inviteCode };
}

async function signedInStudent(browser: Browser, label: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await signInBrowser(context, uniqueEmail(label), 'Stu Dent');
  return { context, page: await context.newPage() };
}

async function memberNames(invite: InvitingClass): Promise<string[]> {
  const response = await invite.instructor.get(`/api/classes/${invite.classId}/members`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { name: string }[]).map((member) => member.name);
}

test('opening an invite link joins nobody; the Join button, by keyboard, joins and opens the class', async ({ browser, baseURL }) => {
  const invite = await classWithInvite(baseURL ?? '', 'Reading transcripts');
  const { context, page } = await signedInStudent(browser, 'invited');

  const opened = await page.goto(`/join/${invite.inviteCode}`);
  expect(opened?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Join a class' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(`You were invited to join Reading transcripts (code ${invite.inviteCode})`);
  await expectNoSeriousAxeViolations(page);

  // The GET joined nobody: the student is not in the class, by the API, and the class stays hidden from them.
  expect(await memberNames(invite)).toEqual(['Ines Instructor']);
  expect((await context.request.get(`/api/classes/${invite.classId}`)).status()).toBe(404);
  await page.reload();
  expect(await memberNames(invite)).toEqual(['Ines Instructor']);

  const joinButton = page.getByRole('button', { name: 'Join class' });
  for (let presses = 0; presses < 40 && !(await joinButton.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(joinButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/classes/${invite.classId}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Reading transcripts' })).toBeVisible();
  expect((await memberNames(invite)).sort()).toEqual(['Ines Instructor', 'Stu Dent']);

  // A member following the link again is taken to the class.
  await page.goto(`/join/${invite.inviteCode}`);
  await expect(page).toHaveURL(new RegExp(`/classes/${invite.classId}$`));

  await Promise.all([context.close(), invite.instructor.dispose()]);
});

test('a link that does not work says why, and after too many tries says whose and for how long', async ({ browser, baseURL }) => {
  const invite = await classWithInvite(baseURL ?? '', 'Closed for now');
  const { context, page } = await signedInStudent(browser, 'unlucky');
  const alert = page.getByRole('main').getByRole('alert');

  await page.goto('/join/WXYZ-2345');
  await expect(alert).toContainText('That invite code does not match a class open for joining');
  await expect(page.getByLabel('Invite code')).toHaveValue('WXYZ-2345');
  await expectNoSeriousAxeViolations(page);

  expect((await invite.instructor.patch(`/api/classes/${invite.classId}`, { data: { joinEnabled: false } })).status()).toBe(200);
  await page.goto(`/join/${invite.inviteCode}`);
  await expect(alert).toContainText('joining may be turned off');
  await expect(page.getByRole('main')).not.toContainText('Closed for now');

  // Two tries spent above; eight more wrong codes over the API use up the account's ten.
  for (let tries = 0; tries < 8; tries++) expect((await context.request.post('/api/join', { data: { code: 'WXYZ-2345' } })).status()).toBe(404);
  const refused = await context.request.post('/api/join', { data: { code: 'WXYZ-2345' } });
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  const minutes = Math.ceil(retryAfter / 60);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    `Too many tries from your account; try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
  );

  expect((await invite.instructor.patch(`/api/classes/${invite.classId}`, { data: { joinEnabled: true } })).status()).toBe(200);
  await page.goto(`/join/${invite.inviteCode}`);
  await expect(alert).toContainText(/^Too many tries from your account; try again in (1[0-5]|[1-9]) minutes?\.$/);
  await expectNoSeriousAxeViolations(page);
  expect(await memberNames(invite)).toEqual(['Ines Instructor']);

  await Promise.all([context.close(), invite.instructor.dispose()]);
});

test('500 wrong codes sent at once from one account: ten are looked up, the rest refused; a classmate on the same network still joins', async ({ browser, baseURL }) => {
  const invite = await classWithInvite(baseURL ?? '', 'Under attack');
  const guesser = await signedInApi(baseURL ?? '', uniqueEmail('guesser'), 'Gus Guesser');
  const statuses = await Promise.all(Array.from({ length: 500 }, async () => (await guesser.post('/api/join', { data: { code: 'WXYZ-2345' } })).status()));
  expect(statuses.filter((status) => status === 404)).toHaveLength(10);
  expect(statuses.filter((status) => status === 429)).toHaveLength(490);

  const { context, page } = await signedInStudent(browser, 'classmate');
  await page.goto(`/join/${invite.inviteCode}`);
  await page.getByRole('button', { name: 'Join class' }).click();
  await expect(page).toHaveURL(new RegExp(`/classes/${invite.classId}$`));

  await Promise.all([context.close(), guesser.dispose(), invite.instructor.dispose()]);
});
