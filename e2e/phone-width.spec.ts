import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { expectNoSidewaysScroll, phoneViewport } from './support/phone-width';
import { annotateShowcase, pasteIntoImport, showcaseClass, showcaseTranscript, transcriptFixture } from './support/showcase-class';
import { openConversation, person } from './support/workspace-people';

/**
 * Every page at 390 px (a phone held upright): nothing scrolls sideways, nothing sticks out
 * past the right edge, and axe finds nothing serious. The data is a class in use: members,
 * an imported ChatGPT transcript with highlights and comments, a published activity.
 */
test.use({ viewport: phoneViewport });

/** Waits for the page's heading, then checks its width and its accessibility. */
async function expectFitsPhone(page: Page, heading?: string | RegExp): Promise<void> {
  await expect(heading ? page.getByRole('heading', { level: 1, name: heading }) : page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolations(page);
}

test('signed out: the home page, sign-in, check your email and a missing page fit a phone', async ({ page }) => {
  await page.goto('/');
  await expectFitsPhone(page, 'Show me your prompts');
  await expect(page.getByRole('img', { name: /conversation open in Grimoire/ })).toBeVisible();
  await page.goto('/signin');
  await expectFitsPhone(page);
  await page.goto('/signin/check-email');
  await expectFitsPhone(page, 'Check your email');
  const missing = await page.goto('/no-such-page');
  expect(missing?.status()).toBe(404);
  await expectFitsPhone(page, 'Not found');
});

test('a first sign-in’s name question, an invite link and the profile fit a phone', async ({ browser, baseURL }) => {
  const nameless = await person(browser, baseURL ?? '', 'phone-nameless', '', phoneViewport);
  await nameless.page.goto('/welcome');
  await expectFitsPhone(nameless.page);
  const instructor = await person(browser, baseURL ?? '', 'phone-host', 'Ruth Rivera', phoneViewport);
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'A class with a rather long name for a small screen' } });
  const { inviteCode } = (await created.json()) as { inviteCode: string };
  const visitor = await person(browser, baseURL ?? '', 'phone-visitor', 'Vic Visitor', phoneViewport);
  await visitor.page.goto('/join');
  await expectFitsPhone(visitor.page);
  await visitor.page.goto(`/join/${inviteCode}`);
  await expectFitsPhone(visitor.page);
  await visitor.page.goto('/profile');
  await expectFitsPhone(visitor.page);
  for (const someone of [nameless, instructor, visitor]) await someone.context.close();
});

test('an instructor’s pages fit a phone: home, the class page’s sections, the forms, the import preview, the overview, the trash, a workspace and its history', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const showcase = await showcaseClass(browser, baseURL ?? '', phoneViewport);
  const page = showcase.instructor.page;

  await page.goto('/');
  await expectFitsPhone(page, 'My classes');
  await expect(page.getByRole('heading', { name: 'Create a class' })).toBeVisible();

  await page.goto(`/classes/${showcase.classId}`);
  await expectFitsPhone(page, 'Writing with AI');
  const sections = page.getByRole('navigation', { name: 'Class sections' }).getByRole('link');
  const labels = await sections.allInnerTexts();
  expect(labels.length).toBeGreaterThanOrEqual(3);
  for (const label of labels) {
    await page.getByRole('navigation', { name: 'Class sections' }).getByRole('link', { name: label }).click();
    await expectNoSidewaysScroll(page);
  }
  // The roster is a list of cards: the Remove button is on screen.
  const remove = page.getByRole('button', { name: /Remove/ }).first();
  await remove.scrollIntoViewIfNeeded();
  const box = await remove.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(phoneViewport.width);
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/classes/${showcase.classId}/conversations/new`);
  await expectFitsPhone(page, 'New conversation');
  await page.getByLabel('Title').fill('Another BibLaTeX chat');
  await pasteIntoImport(page, transcriptFixture(showcaseTranscript));
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolations(page);

  await page.goto(`/classes/${showcase.classId}/activities/new`);
  await expectFitsPhone(page, 'New activity');

  await page.goto(`/activities/${showcase.activityId}`);
  await expectFitsPhone(page, 'Critique a debugging chat');

  expect((await showcase.instructor.context.request.delete(`/api/conversations/${showcase.otherConversationId}`)).status()).toBeLessThan(300);
  await page.goto(`/classes/${showcase.classId}/trash`);
  await expectFitsPhone(page, 'Trash');
  await expect(page.getByTestId('trash-list')).toContainText('Summarising a reading');

  await annotateShowcase(showcase, showcase.conversationId);
  await expectNoSidewaysScroll(showcase.student.page);
  expect((await showcase.instructor.context.request.post(`/api/conversations/${showcase.conversationId}/versions`, { data: { label: 'Before class' } })).status()).toBe(201);
  await openConversation(showcase.instructor, showcase.conversationId);
  await expectFitsPhone(page, 'BibLaTeX citations not rendering');
  await expect(page.getByTestId('annotation-item')).toHaveCount(3);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('dialog', { name: 'History' });
  await history.getByTestId('version-item').first().click();
  await expect(history.locator('.version-detail')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoSeriousAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  const missing = await page.goto(`/classes/${showcase.classId}/nothing-here`);
  expect(missing?.status()).toBe(404);
  await expectFitsPhone(page, 'Not found');
  for (const someone of [showcase.instructor, showcase.student, showcase.classmate]) await someone.context.close();
});

test('a student’s pages fit a phone: home with the To do, the class, the activity and the workspace with its response', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const showcase = await showcaseClass(browser, baseURL ?? '', phoneViewport);
  const page = showcase.student.page;
  await page.goto('/');
  await expectFitsPhone(page, 'My classes');
  await expect(page.getByTestId('to-do-list')).toContainText('Critique a debugging chat');

  await page.goto(`/classes/${showcase.classId}`);
  await expectFitsPhone(page, 'Writing with AI');

  await page.goto(`/activities/${showcase.activityId}`);
  await expectFitsPhone(page, 'Critique a debugging chat');

  await openConversation(showcase.student, showcase.workspaceId);
  await expect(page.getByRole('textbox', { name: 'Your response' })).toBeVisible();
  await expectFitsPhone(page);
  for (const someone of [showcase.instructor, showcase.student, showcase.classmate]) await someone.context.close();
});
