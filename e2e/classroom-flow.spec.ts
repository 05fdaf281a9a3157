import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { signInBrowser, signInThroughPage, uniqueEmail } from './support/sign-in';

/**
 * The classroom as people use it, through the pages only: an instructor creates a class and
 * shares the invite link, a student follows it through sign-in into the class, and a rotated
 * code stops working.
 */

const notJoinableMessage = 'That invite code does not match a class open for joining';

async function signedInPage(browser: Browser, label: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  await signInBrowser(context, uniqueEmail(label), name);
  return { context, page: await context.newPage() };
}

async function createClassThroughHome(page: Page, name: string, description: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Class name').fill(name);
  await page.getByLabel('Description (optional)').fill(description);
  await page.getByRole('button', { name: 'Create class' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('an instructor invites a student by link, sees them in the roster, and a rotated code stops working', async ({ browser, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const instructorContext = await browser.newContext();
  await instructorContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await signInBrowser(instructorContext, uniqueEmail('instructor'), 'Ada Instructor');
  const instructor = await instructorContext.newPage();

  await createClassThroughHome(instructor, 'Prompting 101', 'How to ask, and how to check the answers.');
  await expect(instructor).toHaveURL(/\/classes\/[0-9a-f-]{36}$/);
  const classUrl = instructor.url();
  await expect(instructor.getByText('You: Instructor')).toBeVisible();

  await instructor.getByRole('button', { name: 'Copy invite link' }).click();
  await expect(instructor.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const inviteLink = await instructor.evaluate(() => navigator.clipboard.readText());
  expect(inviteLink).toMatch(/\/join\/[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  expect(new URL(inviteLink).origin).toBe(origin);
  await expect(instructor.getByLabel('Invite link')).toHaveValue(inviteLink);
  const inviteCode = inviteLink.split('/').at(-1) ?? '';

  // The projector view shows the code large and closes with Escape.
  await instructor.getByRole('button', { name: 'Show code full-screen' }).click();
  const projector = instructor.getByRole('dialog', { name: 'Join Prompting 101' });
  await expect(projector).toBeVisible();
  await expect(projector).toContainText(inviteCode);
  await instructor.keyboard.press('Escape');
  await expect(projector).toBeHidden();

  // A signed-out student follows the link, signs in on the way, is asked, joins, and lands in the class.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await student.goto(inviteLink);
  await expect(student).toHaveURL((url) => url.pathname === '/signin' && url.searchParams.get('callbackUrl') === `/join/${inviteCode}`);
  await expect(student.getByText('Sign in to join the class you were invited to.')).toBeVisible();
  await signInThroughPage(student, uniqueEmail('student'), 'Sam Student');
  await expect(student).toHaveURL(inviteLink);
  await expect(student.getByRole('main')).toContainText('You were invited to join Prompting 101');
  await student.getByRole('button', { name: 'Join class' }).click();
  await expect(student).toHaveURL(classUrl);
  await expect(student.getByRole('heading', { level: 1, name: 'Prompting 101' })).toBeVisible();
  await expect(student.getByText('You: Student')).toBeVisible();
  await expect(student.getByRole('heading', { name: 'Invite students' })).toHaveCount(0);

  await instructor.reload();
  const studentRow = instructor.getByRole('table').getByRole('row').filter({ hasText: 'Sam Student' });
  await expect(studentRow).toContainText('Student');
  await expect(studentRow).toContainText('@example.test');
  await expect(instructor.getByText('2 members')).toBeVisible();

  // Rotating asks first, then replaces the code; the old link stops working at once.
  instructor.once('dialog', (dialog) => void dialog.accept());
  await instructor.getByRole('button', { name: 'Rotate code' }).click();
  await expect(instructor.getByText('The old code and link no longer work.')).toBeVisible();
  await expect(instructor.locator('.invite-code')).not.toHaveText(inviteCode);

  const { page: latecomer } = await signedInPage(browser, 'latecomer', 'Late Comer');
  await latecomer.goto(inviteLink);
  await expect(latecomer.getByRole('main').getByRole('alert')).toContainText(notJoinableMessage);
  await expect(latecomer).toHaveURL(inviteLink);

  // Typed by hand, in lower case without the dash, the old code fails the same way.
  await latecomer.goto('/join');
  await latecomer.getByLabel('Invite code').fill(inviteCode.replace('-', '').toLowerCase());
  await latecomer.getByRole('button', { name: 'Join class' }).click();
  await expect(latecomer.getByRole('main').getByRole('alert')).toContainText(notJoinableMessage);

  // The class stays hidden from people outside it.
  const response = await latecomer.goto(classUrl);
  expect(response?.status()).toBe(404);
  await expect(latecomer.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();

  await Promise.all([instructorContext.close(), studentContext.close(), latecomer.context().close()]);
});

test('an invite link on another site asks before joining; a student joins by typing the code, and can leave again', async ({ browser }) => {
  const { context: instructorContext, page: instructor } = await signedInPage(browser, 'teacher', 'Grace Teacher');
  await createClassThroughHome(instructor, 'Evaluating answers', '');
  const classUrl = instructor.url();
  const inviteCode = (await instructor.locator('.invite-code').textContent()) ?? '';

  // An invite link on another site's page does not join by itself: the student is asked first.
  const { context: visitorContext, page: visitor } = await signedInPage(browser, 'visitor', 'Vic Visitor');
  await visitor.route('http://elsewhere.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<a href="${new URL(`/join/${inviteCode}`, classUrl).href}">Join my class</a>` }),
  );
  await visitor.goto('http://elsewhere.test/');
  await visitor.getByRole('link', { name: 'Join my class' }).click();
  await expect(visitor.getByText('You were invited to join a class with the code below.')).toBeVisible();
  await expect(visitor.getByLabel('Invite code')).toHaveValue(inviteCode);
  await visitor.getByRole('button', { name: 'Join class' }).click();
  await expect(visitor).toHaveURL(classUrl);
  await visitorContext.close();

  const { context: studentContext, page: student } = await signedInPage(browser, 'learner', 'Lin Learner');
  await student.goto('/');
  await expect(student.getByText('You have not joined any classes yet.')).toBeVisible();
  await student.getByLabel('Invite code').fill(` ${inviteCode.toLowerCase()} `);
  await student.getByRole('button', { name: 'Join class' }).click();
  await expect(student).toHaveURL(classUrl);

  await student.goto('/');
  await expect(student.getByRole('region', { name: 'Learning' }).getByRole('link', { name: 'Evaluating answers' })).toBeVisible();

  await student.goto(classUrl);
  student.once('dialog', (dialog) => void dialog.accept());
  await student.getByRole('button', { name: 'Leave class' }).click();
  await expect(student).toHaveURL(/\/$/);
  await expect(student.getByText('You have not joined any classes yet.')).toBeVisible();

  await Promise.all([instructorContext.close(), studentContext.close()]);
});

test('signed-out visitors are sent to sign in and brought back', async ({ page }) => {
  for (const path of ['/join', '/profile', '/classes/00000000-0000-4000-8000-000000000000']) {
    await page.goto(path);
    await expect(page).toHaveURL((url) => url.pathname === '/signin' && url.searchParams.get('callbackUrl') === path);
  }
});

test('the profile page shows the email and saves a new display name', async ({ browser }) => {
  const email = uniqueEmail('profile');
  const context = await browser.newContext();
  await signInBrowser(context, email, 'Old Name');
  const page = await context.newPage();
  await page.goto('/profile');
  await expect(page.getByRole('main')).toContainText(email);
  await page.getByLabel('Display name').fill('New Name');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('status')).toContainText('Your display name is now “New Name”');
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /New Name/ })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Display name')).toHaveValue('New Name');
  await context.close();
});

test('the create-class form works with the keyboard alone', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'keyboard', 'Kim Keyboard');
  await page.goto('/');
  const nameField = page.getByLabel('Class name');
  for (let presses = 0; presses < 40 && !(await nameField.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(nameField).toBeFocused();
  await page.keyboard.type('Keyboard class');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Description (optional)')).toBeFocused();
  await page.keyboard.type('Made without a mouse.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Create class' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard class' })).toBeVisible();
  await expect(page.locator('.class-description')).toHaveText('Made without a mouse.');
  await context.close();
});

test('the pages have no serious accessibility violations', async ({ browser }) => {
  const signedOutContext = await browser.newContext();
  const signedOut = await signedOutContext.newPage();
  for (const path of ['/', '/signin', '/signin?callbackUrl=%2Fjoin%2FABCD-EFGH']) {
    await signedOut.goto(path);
    await expectNoSeriousAxeViolations(signedOut);
  }

  const { context: instructorContext, page: instructor } = await signedInPage(browser, 'axe-instructor', 'Axe Instructor');
  await instructor.goto('/');
  await expectNoSeriousAxeViolations(instructor);
  await createClassThroughHome(instructor, 'Accessible class', 'Checked by axe.');
  await expectNoSeriousAxeViolations(instructor);
  const classUrl = instructor.url();
  const inviteCode = (await instructor.locator('.invite-code').textContent()) ?? '';

  const { context: studentContext, page: student } = await signedInPage(browser, 'axe-student', 'Axe Student');
  await student.goto('/join');
  await expectNoSeriousAxeViolations(student);
  await student.getByLabel('Invite code').fill('WRONG-CODE');
  await student.getByRole('button', { name: 'Join class' }).click();
  await expect(student.getByRole('main').getByRole('alert')).toBeVisible();
  await expectNoSeriousAxeViolations(student);
  await student.getByLabel('Invite code').fill(inviteCode);
  await student.getByRole('button', { name: 'Join class' }).click();
  await expect(student).toHaveURL(classUrl);
  await expectNoSeriousAxeViolations(student);
  await student.goto('/');
  await expectNoSeriousAxeViolations(student);
  await student.goto('/profile');
  await expectNoSeriousAxeViolations(student);

  await instructor.reload();
  await expect(instructor.getByRole('table').getByRole('row').filter({ hasText: 'Axe Student' })).toBeVisible();
  await expectNoSeriousAxeViolations(instructor);

  await Promise.all([signedOutContext.close(), instructorContext.close(), studentContext.close()]);
});
