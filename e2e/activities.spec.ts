import { expect, test, type Page, type Request } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { editor, person, selectFirstWords, type Person } from './support/workspace-people';

/**
 * Coursework through the pages: an instructor posts an activity with a template and a locked
 * vocabulary; two students start, annotate, write and submit (one after their due date, so
 * late); the instructor reviews both in the overview, grades and returns one; that student
 * reads the feedback and edits again; the PDF, ZIP and CSV download.
 */

const templateText = 'User: Why is the sky blue?\nAssistant: Because the ocean reflects onto it, which is a common myth.';

/** A datetime-local value ("2026-03-01T09:00") `minutes` from now, in the browser's time zone. */
async function localInputValue(page: Page, minutesFromNow: number): Promise<string> {
  return page.evaluate((minutes) => {
    const moment = new Date(Date.now() + minutes * 60_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}T${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
  }, minutesFromNow);
}

/** Fails when the page is wider than its viewport (sideways scrolling). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A student opens the activity from their To do, starts, highlights with the activity's tag, comments, writes a response and submits. */
async function startAnnotateAndSubmit(student: Person, activityTitle: string, response: string): Promise<string> {
  const { page } = student;
  await page.goto('/');
  await page.getByTestId('to-do-list').getByRole('link', { name: activityTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: activityTitle })).toBeVisible();
  await expect(page.locator('.activity-instructions strong')).toHaveText('three sentences');
  await expectNoSeriousAxeViolations(page);
  // A double click on Start sends one call: the button ignores clicks while its action runs.
  const actionPosts: string[] = [];
  const countActionPost = (request: Request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) actionPosts.push(request.url());
  };
  page.on('request', countActionPost);
  await page.getByRole('button', { name: 'Start' }).dblclick();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  page.off('request', countActionPost);
  expect(actionPosts).toHaveLength(1);
  const conversationId = page.url().split('/').at(-1) ?? '';
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(editor(page)).toContainText('Why is the sky blue?');

  await selectFirstWords(page, 3);
  await page.getByLabel('Tag', { exact: true }).selectOption({ label: 'misconception' });
  await page.getByRole('button', { name: 'Highlight selection' }).click();
  await page.getByPlaceholder('Add a comment').fill(`${student.name} thinks this is wrong.`);
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(page.getByTestId('annotation-item').getByTestId('comment')).toContainText(`${student.name} thinks this is wrong.`);

  const responseEditor = page.getByRole('textbox', { name: 'Your response' });
  await responseEditor.click();
  await page.keyboard.type(response);
  await expect(responseEditor).toContainText(response);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-saved', 'true');
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByTestId('submission-status')).toHaveText('Submitted');
  await expect(responseEditor).toHaveAttribute('contenteditable', 'false');
  return conversationId;
}

test('an activity from posting to returned work, with a late submission, the overview and the downloads', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL ?? '';
  const instructor = await person(browser, origin, 'instructor', 'Irene Instructor');
  const sam = await person(browser, origin, 'student-sam', 'Sam Student');
  const bea = await person(browser, origin, 'student-bea', 'Bea Student');
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Critical reading' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  for (const student of [sam, bea]) expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const source = await instructor.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Sky chat', text: templateText } });
  expect(source.status()).toBe(201);

  // The instructor posts the activity from the class page's Activities section.
  const teacher = instructor.page;
  await teacher.goto(`/classes/${classId}`);
  await expect(teacher.getByRole('navigation', { name: 'Class sections' }).getByRole('link')).toHaveText(['Activities', 'Conversations', 'People', 'Settings']);
  await expect(teacher.locator('#activities')).toContainText('No activities yet.');
  await expectNoSeriousAxeViolations(teacher);
  await teacher.getByRole('link', { name: 'New activity' }).click();
  await expect(teacher.getByRole('heading', { level: 1, name: 'New activity' })).toBeVisible();
  await expectNoSeriousAxeViolations(teacher);

  // A refusal names its field and is shown beside it; what was typed stays.
  await teacher.getByLabel('Title').fill('Critique the sky chat');
  await teacher.getByLabel('Minimum words').fill('50');
  await teacher.getByLabel('Maximum words').fill('5');
  await teacher.getByRole('button', { name: 'Create activity' }).click();
  await expect(teacher.locator('.field-error')).toBeVisible();
  await expect(teacher.getByLabel('Title')).toHaveValue('Critique the sky chat');

  await teacher.getByLabel('Instructions').fill('Find the mistake and explain it in **three sentences**.');
  await teacher.getByLabel('Minimum words').fill('');
  await teacher.getByLabel('Maximum words').fill('200');
  await teacher.getByLabel('Individual: each student works in a copy of their own').check();
  await teacher.getByLabel('Template').selectOption({ label: 'Sky chat' });
  await teacher.getByLabel('Due at (optional)').fill(await localInputValue(teacher, 24 * 60));
  await teacher.getByLabel('Grade out of (optional)').fill('10');
  await teacher.getByLabel(/Lock the tags/).check();
  await teacher.getByRole('button', { name: 'Create activity' }).click();
  await expect(teacher).toHaveURL(/\/activities\/[0-9a-f-]{36}$/);
  const activityId = teacher.url().split('/').at(-1) ?? '';
  await expect(teacher.getByRole('heading', { level: 1, name: 'Critique the sky chat' })).toBeVisible();
  await expect(teacher.locator('.activity-header .badge')).toHaveText('Draft');

  // A draft is not the students' to see.
  expect((await sam.context.request.get(`/activities/${activityId}`)).status()).toBe(404);

  // The activity's vocabulary: one tag, and locked (made so with the activity).
  const tags = teacher.locator('#tags');
  await expect(tags.getByLabel('Students may add their own tags')).not.toBeChecked();
  await tags.getByLabel('Name').fill('misconception');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect
    .poll(async () => (await instructor.context.request.get(`/api/activities/${activityId}/tags`)).json())
    .toMatchObject({ tags: [{ name: 'misconception' }], locked: true });
  await expect(teacher.getByRole('link', { name: 'Edit the template' })).toHaveAttribute('href', /\/conversations\/[0-9a-f-]{36}$/);

  await teacher.getByRole('button', { name: 'Publish' }).click();
  await expect(teacher.locator('.activity-header .badge')).toHaveText('Published');
  await expectNoSeriousAxeViolations(teacher);

  // Bea's due date is already past: her extension ends a minute ago.
  await teacher.getByLabel('Student', { exact: true }).selectOption({ label: 'Bea Student' });
  await teacher.getByLabel('New due date').fill(await localInputValue(teacher, -1));
  await teacher.getByRole('button', { name: 'Give extension' }).click();
  await expect(teacher.getByText('Extension saved.')).toBeVisible();
  await expect(teacher.locator('.extension-list')).toContainText('Bea Student');

  // Both students see it in their To do, on the home page and the class page.
  await sam.page.goto('/');
  const samToDo = sam.page.getByTestId('to-do-list').getByRole('listitem').filter({ hasText: 'Critique the sky chat' });
  await expect(samToDo).toContainText('Not started');
  await expect(samToDo).toContainText('Critical reading');
  await expectNoSeriousAxeViolations(sam.page);
  await bea.page.goto(`/classes/${classId}`);
  const beaToDo = bea.page.locator('#activities').getByRole('listitem').filter({ hasText: 'Critique the sky chat' });
  await expect(beaToDo).toContainText('Not started');
  await expect(beaToDo).toContainText('Past due');
  await expectNoSeriousAxeViolations(bea.page);

  const samWorkspace = await startAnnotateAndSubmit(sam, 'Critique the sky chat', 'Rayleigh scattering, not the ocean, makes the sky blue.');
  const beaWorkspace = await startAnnotateAndSubmit(bea, 'Critique the sky chat', 'The answer repeats a myth about reflections.');
  expect(samWorkspace).not.toBe(beaWorkspace);

  // Starting twice (the double click) made one workspace each.
  await sam.page.goto(`/activities/${activityId}`);
  await expect(sam.page.getByRole('link', { name: 'Continue' })).toHaveAttribute('href', `/conversations/${samWorkspace}`);
  await expect(sam.page.locator('.activity-header')).toContainText('Submitted');
  await bea.page.goto(`/activities/${activityId}`);
  await expect(bea.page.locator('.activity-header')).toContainText('Submitted late');

  // The overview: both, Bea's late; filtered and sorted through the URL.
  await teacher.goto(`/activities/${activityId}`);
  const rows = teacher.getByTestId('overview-row');
  await expect(rows).toHaveCount(2);
  const samRow = rows.filter({ hasText: 'Sam Student' });
  const beaRow = rows.filter({ hasText: 'Bea Student' });
  await expect(samRow).toContainText('Submitted');
  await expect(samRow.locator('td[data-label="Late"]')).toHaveText('No');
  await expect(beaRow.locator('td[data-label="Late"]')).toHaveText('Late');
  // The counts come from the document's summary, written when it is compacted (after 10 s idle).
  await expect(async () => {
    await teacher.reload();
    await expect(samRow.locator('td[data-label="Highlights"]')).toHaveText('1', { timeout: 1_000 });
    await expect(samRow.locator('td[data-label="Comments"]')).toHaveText('1', { timeout: 1_000 });
    await expect(samRow.locator('td[data-label="Response words"]')).toHaveText('9', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expectNoSeriousAxeViolations(teacher);

  await teacher.getByRole('button', { name: 'Student', exact: true }).click();
  await expect(teacher.getByRole('columnheader', { name: 'Student', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('Sam Student');
  await teacher.getByLabel('Show', { exact: true }).selectOption('late');
  await teacher.getByRole('button', { name: 'Filter' }).click();
  await expect(teacher).toHaveURL(/status=late/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bea Student');

  // At 390 px the table is a list of cards, and nothing scrolls sideways.
  await teacher.setViewportSize({ width: 390, height: 844 });
  await teacher.goto(`/activities/${activityId}`);
  await expectNoSidewaysScroll(teacher);
  await teacher.goto(`/classes/${classId}`);
  await expectNoSidewaysScroll(teacher);
  await expect(teacher.locator('#activities')).toContainText('2 submitted');
  await teacher.goto(`/classes/${classId}/activities/new`);
  await expectNoSidewaysScroll(teacher);
  await teacher.setViewportSize({ width: 1280, height: 800 });

  // The instructor opens Sam's work from the overview, grades it and returns it.
  await teacher.goto(`/activities/${activityId}`);
  await teacher.getByTestId('overview-row').filter({ hasText: 'Sam Student' }).getByRole('link', { name: 'Sam Student' }).click();
  await expect(teacher).toHaveURL(`${origin}/conversations/${samWorkspace}`);
  const panel = teacher.getByTestId('coursework-panel');
  await expect(panel.getByTestId('submission-status')).toHaveText('Submitted');
  await panel.getByLabel('Grade').fill('8');
  await panel.getByLabel('Feedback').fill('Right about the scattering; cite a source next time.');
  await panel.getByRole('button', { name: 'Return to student' }).click();
  await expect(panel.getByTestId('submission-status')).toHaveText('Returned');

  // Sam sees the grade and feedback, and can edit the response again.
  await sam.page.goto(`/activities/${activityId}`);
  const returned = sam.page.getByRole('region', { name: 'Returned to you' });
  await expect(returned).toContainText('8 / 10');
  await expect(returned).toContainText('Right about the scattering; cite a source next time.');
  await expect(sam.page.locator('.activity-header')).toContainText('Returned');
  await expectNoSeriousAxeViolations(sam.page);
  await sam.page.getByRole('link', { name: 'Continue' }).click();
  await expect(sam.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  const samResponse = sam.page.getByRole('textbox', { name: 'Your response' });
  await expect(samResponse).toHaveAttribute('contenteditable', 'true');
  await samResponse.click();
  await sam.page.keyboard.press('Control+End');
  await sam.page.keyboard.type(' Source: any optics textbook.');
  await expect(samResponse).toContainText('Source: any optics textbook.');

  // Downloads: the page links them, and they are what they say.
  await teacher.goto(`/activities/${activityId}`);
  await expect(teacher.getByRole('link', { name: 'Download all (ZIP)' })).toHaveAttribute('href', `/api/activities/${activityId}/export`);
  await expect(teacher.getByRole('link', { name: 'Download table (CSV)' })).toHaveAttribute('href', `/api/activities/${activityId}/submissions.csv`);
  const zip = await instructor.context.request.get(`/api/activities/${activityId}/export`);
  expect(zip.status()).toBe(200);
  expect(zip.headers()['content-type']).toContain('application/zip');
  const zipBody = await zip.body();
  expect(zipBody.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zipBody.length).toBeGreaterThan(200);
  const csv = await instructor.context.request.get(`/api/activities/${activityId}/submissions.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const csvText = await csv.text();
  expect(csvText).toContain('Sam Student');
  expect(csvText).toContain('Bea Student');
  const pdf = await sam.context.request.get(`/api/conversations/${samWorkspace}/export?format=pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const pdfBody = await pdf.body();
  expect(pdfBody.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfBody.length).toBeGreaterThan(1000);
  // Another student may not download Sam's work.
  expect((await bea.context.request.get(`/api/conversations/${samWorkspace}/export?format=pdf`)).status()).toBe(404);

  for (const someone of [instructor, sam, bea]) await someone.context.close();
});
