import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { editor, openConversation, person, selectFirstWords, type Person } from './support/workspace-people';

/**
 * A student's workspace page with its coursework: the response and its live word count,
 * submitting (read-only at once, through the sync engine), unsubmitting, and the instructor's
 * return with a grade and feedback, which the student's open page shows.
 */

/** An instructor's class with a student, and a published individual activity (template, due in a week, 5 to 40 words hard, graded out of 10) the student started. */
async function startedActivity(browser: Browser, baseURL: string, options: { anonymousPeers?: boolean; studentViewport?: { width: number; height: number } } = {}) {
  const instructor = await person(browser, baseURL, 'instructor', 'Irene Instructor');
  const student = await person(browser, baseURL, 'student', 'Sam Student', options.studentViewport);
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Critical reading' } });
  expect(created.status()).toBe(201);
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const template = await instructor.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'Eggs chat', text: 'User: How do I boil an egg?\nAssistant: Put it in boiling water for nine minutes.' },
  });
  expect(template.status()).toBe(201);
  const { id: templateConversationId } = (await template.json()) as { id: string };
  const activity = await instructor.context.request.post(`/api/classes/${classId}/activities`, {
    data: {
      title: 'Critique the egg chat',
      instructions: 'Find **one** claim to check.',
      mode: 'individual',
      templateConversationId,
      dueAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      responseMinWords: 5,
      responseMaxWords: 40,
      responseWordLimitHard: true,
      gradeOutOf: 10,
      anonymousPeers: options.anonymousPeers ?? false,
    },
  });
  expect(activity.status(), await activity.text()).toBe(201);
  const { id: activityId } = (await activity.json()) as { id: string };
  expect((await instructor.context.request.patch(`/api/activities/${activityId}`, { data: { published: true } })).status()).toBe(200);
  const started = await student.context.request.post(`/api/activities/${activityId}/start`);
  expect(started.status(), await started.text()).toBe(200);
  const { conversationId } = (await started.json()) as { conversationId: string };
  return { instructor, student, classId, inviteCode, activityId, conversationId };
}

function responseEditor(page: Page) {
  return page.locator('.response-section [contenteditable]');
}

/** Types at the end of the response. */
async function typeInResponse(page: Page, text: string): Promise<void> {
  await responseEditor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

/** Waits until everything typed on the page has reached the server. */
async function expectSaved(someone: Person): Promise<void> {
  await expect(someone.page.getByTestId('connection-status')).toHaveAttribute('data-saved', 'true');
}

test.describe('workspace submission', () => {
  test('a student writes a response against the word limits, submits (read-only at once), unsubmits and edits again; the instructor returns it with a grade, which the student sees', async ({
    browser,
    baseURL,
  }) => {
    const { instructor, student, activityId, conversationId } = await startedActivity(browser, baseURL ?? '');
    await openConversation(student, conversationId);
    const panel = student.page.getByTestId('coursework-panel');
    await expect(panel.getByRole('link', { name: 'Critique the egg chat' })).toHaveAttribute('href', `/activities/${activityId}`);
    await expect(panel.getByTestId('submission-status')).toHaveText('In progress');
    await expect(panel).toContainText('Due');
    await panel.locator('summary', { hasText: 'Instructions' }).click();
    await expect(panel.locator('.coursework-instructions strong')).toHaveText('one');
    await expect(student.page.getByRole('link', { name: 'Download PDF' })).toHaveAttribute('href', `/api/conversations/${conversationId}/export?format=pdf`);
    await expect(editor(student.page)).toContainText('How do I boil an egg?');

    // Too short for the hard minimum: the count says so and Submit waits, with the reason.
    await typeInResponse(student.page, 'Nine minutes?');
    const submit = student.page.getByRole('button', { name: 'Submit', exact: true });
    await expect(student.page.locator('.response-section')).toContainText('2 words');
    await expectSaved(student);
    await expect(submit).toBeDisabled();
    await expect(panel).toContainText('write more to submit');

    await typeInResponse(student.page, ' The time depends on the egg size.');
    await expect(student.page.locator('.response-section')).toContainText('9 words');
    await expectSaved(student);
    await expect(submit).toBeEnabled();
    await expectNoSeriousAxeViolations(student.page);

    // A double click sends one submission.
    const actionPosts: string[] = [];
    student.page.on('request', (request) => {
      if (request.method() === 'POST' && request.headers()['next-action']) actionPosts.push(request.url());
    });
    await submit.dblclick();
    await expect(panel.getByTestId('submission-status')).toHaveText('Submitted');
    expect(actionPosts).toHaveLength(1);
    // Read-only through the sync engine's permission, without a reload.
    await expect(responseEditor(student.page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(student.page)).toHaveAttribute('contenteditable', 'false');
    const status = student.page.getByTestId('connection-status');
    await expect(status).toContainText('Submitted');
    await expect(status).not.toContainText('Changes are saved as you type');
    await expect(student.page.getByTestId('read-only-notice')).toContainText('submitted');
    await responseEditor(student.page).click({ force: true });
    await student.page.keyboard.type('sneaky');
    await expect(responseEditor(student.page)).not.toContainText('sneaky');

    // Unsubmit (before the due date): editable again.
    await panel.getByRole('button', { name: 'Unsubmit' }).click();
    await expect(panel.getByTestId('submission-status')).toHaveText('In progress');
    await expect(responseEditor(student.page)).toHaveAttribute('contenteditable', 'true');
    await typeInResponse(student.page, ' Start timing at the boil.');
    await expect(student.page.locator('.response-section')).toContainText('14 words');
    await expectSaved(student);
    await submit.click();
    await expect(panel.getByTestId('submission-status')).toHaveText('Submitted');

    // The instructor opens it, sees whose it is and what was written, and returns it.
    await openConversation(instructor, conversationId);
    const instructorPanel = instructor.page.getByTestId('coursework-panel');
    await expect(instructorPanel).toContainText('Sam Student’s work');
    await expect(instructorPanel.getByTestId('submission-status')).toHaveText('Submitted');
    await expect(responseEditor(instructor.page)).toContainText('Start timing at the boil.');
    await expect(instructorPanel.getByText('out of 10')).toBeVisible();
    // The instructor comments on submitted work with the usual highlights.
    await selectFirstWords(instructor.page, 8);
    await instructor.page.getByRole('button', { name: 'Highlight selection' }).click();
    await instructor.page.getByPlaceholder('Add a comment').fill('Which egg size?');
    await instructor.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(student.page.getByTestId('annotation-item').getByTestId('comment')).toContainText('Which egg size?');
    await instructorPanel.getByLabel('Grade').fill('8');
    await instructorPanel.getByLabel('Feedback').fill('Good catch on egg size.');
    await expectNoSeriousAxeViolations(instructor.page);
    await instructorPanel.getByRole('button', { name: 'Return to student' }).click();
    await expect(instructorPanel.getByTestId('submission-status')).toHaveText('Returned');

    // The student's open page shows the feedback and may edit again.
    const feedback = student.page.getByTestId('returned-feedback');
    await expect(feedback).toContainText('8 out of 10');
    await expect(feedback).toContainText('Good catch on egg size.');
    await expect(panel.getByTestId('submission-status')).toHaveText('Returned');
    await expect(responseEditor(student.page)).toHaveAttribute('contenteditable', 'true');
    await typeInResponse(student.page, ' Thanks.');
    await expect(responseEditor(instructor.page)).toContainText('Thanks.');
    const pdf = await student.context.request.get(`/api/conversations/${conversationId}/export?format=pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await expectNoSeriousAxeViolations(student.page);
    for (const someone of [instructor, student]) await someone.context.close();
  });

  test('from a Submit press until the server answers, nothing can be typed that the server would refuse: both editors and the annotation tools pause (“Submitting…”), the last words typed are saved before the submission is sent, and all of them are handed in', async ({
    browser,
    baseURL,
  }) => {
    const { instructor, student, conversationId } = await startedActivity(browser, baseURL ?? '');
    await openConversation(student, conversationId);
    // The submission is held on its way (a slow server) until the test has typed during it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let savedWhenSent: string | null = null;
    let arrived!: () => void;
    const sent = new Promise<void>((resolve) => (arrived = resolve));
    await student.page.route(`**/conversations/${conversationId}`, async (route) => {
      if (route.request().method() !== 'POST' || !route.request().headers()['next-action']) return route.continue();
      savedWhenSent = await student.page.getByTestId('connection-status').getAttribute('data-saved');
      arrived();
      await gate;
      await route.continue();
    });

    await typeInResponse(student.page, 'Boil the egg for nine minutes');
    await expect(student.page.locator('.response-section')).toContainText('6 words');
    // The last words, and Submit at once: no waiting for them to be saved.
    await student.page.keyboard.type(' then cool it in cold water.');
    const submit = student.page.getByRole('button', { name: 'Submit', exact: true });
    await submit.click();
    await expect(student.page.getByTestId('coursework-panel').getByRole('button', { name: 'Submitting…' })).toBeVisible();
    await sent;
    await expect(responseEditor(student.page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(student.page)).toHaveAttribute('contenteditable', 'false');
    await expect(student.page.getByRole('toolbar', { name: 'Annotate the transcript' })).toHaveCount(0);
    await expect(student.page.getByTestId('submitting-notice')).toContainText('Submitting…');
    // Sent only once what was typed had reached the server.
    expect(savedWhenSent).toBe('true');
    // Typing on while it is on its way takes nothing in.
    await responseEditor(student.page).click();
    await student.page.keyboard.type(' Too late.');
    await editor(student.page).click();
    await student.page.keyboard.type('Too late.');
    await expect(responseEditor(student.page)).not.toContainText('Too late');
    await expect(editor(student.page)).not.toContainText('Too late');
    release();

    await expect(student.page.getByTestId('submission-status')).toHaveText('Submitted');
    await expect(student.page.getByTestId('submitting-notice')).toHaveCount(0);
    await expect(student.page.getByTestId('read-only-notice')).toContainText('submitted');
    await expect(student.page.getByTestId('refused-changes')).toHaveCount(0);
    const exported = await student.context.request.get(`/api/conversations/${conversationId}/export`);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain('Boil the egg for nine minutes then cool it in cold water.');
    for (const someone of [instructor, student]) await someone.context.close();
  });

  test('a workspace’s breadcrumb leads back to its activity, after its class', async ({ browser, baseURL }) => {
    const { instructor, student, classId, activityId, conversationId } = await startedActivity(browser, baseURL ?? '');
    for (const someone of [student, instructor]) {
      await openConversation(someone, conversationId);
      const breadcrumb = someone.page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link');
      await expect(breadcrumb).toHaveCount(2);
      await expect(breadcrumb.nth(0)).toHaveAttribute('href', `/classes/${classId}`);
      await expect(breadcrumb.nth(1)).toHaveAttribute('href', `/activities/${activityId}`);
      await expect(breadcrumb.nth(1)).toHaveText('Critique the egg chat');
    }
    for (const someone of [instructor, student]) await someone.context.close();
  });

  test('an instructor’s open page shows the student’s submit without a reload (keeping what the instructor typed in the return form)', async ({ browser, baseURL }) => {
    const { instructor, student, conversationId } = await startedActivity(browser, baseURL ?? '');
    await openConversation(instructor, conversationId);
    const panel = instructor.page.getByTestId('coursework-panel');
    await expect(panel.getByTestId('submission-status')).toHaveText('In progress');
    // Typed into the return form before the student submits: kept through the refresh.
    await panel.getByLabel('Feedback').fill('Nice start.');
    await instructor.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await openConversation(student, conversationId);
    await typeInResponse(student.page, 'Nine minutes is too long for a soft egg.');
    await expectSaved(student);
    await student.page.getByRole('button', { name: 'Submit', exact: true }).click();
    await expect(student.page.getByTestId('submission-status')).toHaveText('Submitted');

    // Within the page's 15 s poll, without a reload.
    await expect(panel.getByTestId('submission-status')).toHaveText('Submitted', { timeout: 25_000 });
    expect(await instructor.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect(panel.getByLabel('Feedback')).toHaveValue('Nice start.');
    for (const someone of [instructor, student]) await someone.context.close();
  });

  test('the server checks the word limits again: limits raised while the page is open refuse the submission with the server’s message', async ({ browser, baseURL }) => {
    const { instructor, student, activityId, conversationId } = await startedActivity(browser, baseURL ?? '');
    await openConversation(student, conversationId);
    await typeInResponse(student.page, 'Nine minutes is too long for a soft egg.');
    await expect(student.page.locator('.response-section')).toContainText('9 words');
    await expectSaved(student);
    const submit = student.page.getByRole('button', { name: 'Submit', exact: true });
    await expect(submit).toBeEnabled();
    const raised = await instructor.context.request.patch(`/api/activities/${activityId}`, { data: { responseMinWords: 100, responseMaxWords: 200 } });
    expect(raised.status(), await raised.text()).toBe(200);
    await submit.click();
    await expect(student.page.getByTestId('coursework-panel').getByRole('alert')).toContainText('at least 100');
    await expect(student.page.getByTestId('submission-status')).toHaveText('In progress');
    await expect(responseEditor(student.page)).toHaveAttribute('contenteditable', 'true');
    for (const someone of [instructor, student]) await someone.context.close();
  });

  test('at 390 px the workspace with its coursework does not scroll sideways', async ({ browser, baseURL }) => {
    const { instructor, student, conversationId } = await startedActivity(browser, baseURL ?? '', { studentViewport: { width: 390, height: 844 } });
    await openConversation(student, conversationId);
    await expect(student.page.getByTestId('coursework-panel')).toBeVisible();
    await expect(responseEditor(student.page)).toBeVisible();
    expect(await student.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousAxeViolations(student.page);
    for (const someone of [instructor, student]) await someone.context.close();
  });

  test('a student shares the workspace with the class; in an anonymous activity a classmate reads it as “Peer 1’s work”, read-only', async ({ browser, baseURL }) => {
    const { instructor, student, inviteCode, activityId, conversationId } = await startedActivity(browser, baseURL ?? '', { anonymousPeers: true });
    const peer = await person(browser, baseURL ?? '', 'peer', 'Pat Peer');
    expect((await peer.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
    expect((await peer.context.request.post(`/api/activities/${activityId}/start`)).status()).toBe(200);
    // Not shared yet: a classmate gets the not-found page (the API says 404).
    expect((await peer.context.request.get(`/api/conversations/${conversationId}`)).status()).toBe(404);
    await peer.page.goto(`/conversations/${conversationId}`);
    await expect(peer.page.getByRole('heading', { name: 'Not found' })).toBeVisible();

    await openConversation(student, conversationId);
    const share = student.page.getByLabel('Share with the class');
    await expect(share).not.toBeChecked();
    await share.check();
    await expect(student.page.getByText('Shared: your classmates can read this workspace.')).toBeVisible();

    await openConversation(peer, conversationId);
    const panel = peer.page.getByTestId('coursework-panel');
    await expect(panel).toContainText('Peer 1’s work');
    await expect(panel).not.toContainText('Sam Student');
    await expect(panel.getByRole('button', { name: 'Submit', exact: true })).toHaveCount(0);
    await expect(panel.getByLabel('Share with the class')).toHaveCount(0);
    await expect(responseEditor(peer.page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(peer.page)).toHaveAttribute('contenteditable', 'false');
    await expectNoSeriousAxeViolations(peer.page);
    for (const someone of [instructor, student, peer]) await someone.context.close();
  });
});
