import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { signedInApi, signInBrowser, uniqueEmail } from './support/sign-in';

/**
 * A class bigger than a page: the class page lists its first 20 members and the activity
 * page its first 50 students' rows, each with a link to all of them that keeps the table's
 * filter and order.
 */
test('a class of 51 students: the first members and rows, and a link to all of them', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const base = baseURL ?? '';
  const email = uniqueEmail('big-class-instructor');
  const instructor = await signedInApi(base, email, 'Ines Instructor');
  const created = await instructor.post('/api/classes', { data: { name: 'A big class' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  const students = Array.from({ length: 51 }, (_, n) => `Student ${String(n + 1).padStart(2, '0')}`);
  // A few at a time: each is a sign-in and a join.
  for (let start = 0; start < students.length; start += 10) {
    await Promise.all(
      students.slice(start, start + 10).map(async (name) => {
        const student = await signedInApi(base, uniqueEmail('big-class-student'), name);
        expect((await student.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
        await student.dispose();
      }),
    );
  }
  const activity = await instructor.post(`/api/classes/${classId}/activities`, { data: { title: 'Critique', mode: 'individual' } });
  const { id: activityId } = (await activity.json()) as { id: string };

  const context = await browser.newContext();
  await signInBrowser(context, email, 'Ines Instructor');
  const page = await context.newPage();

  await page.goto(`/classes/${classId}`);
  const roster = page.getByRole('region', { name: 'Members' });
  await expect(roster.getByRole('row')).toHaveCount(21); // the header and 20 members
  await expect(page.getByText('Showing 20 of 52 members.')).toBeVisible();
  await page.getByRole('link', { name: 'Show all 52 members' }).click();
  await expect(roster.getByRole('row')).toHaveCount(53);
  await expect(roster.getByRole('rowheader', { name: 'Student 51' })).toBeVisible();

  await page.goto(`/activities/${activityId}?sort=-name`);
  const rows = page.getByTestId('overview-row');
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText('Student 51');
  await expect(page.getByRole('status').filter({ hasText: '51 students' })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('link', { name: 'Show all 51 students' }).click();
  await expect(rows).toHaveCount(51);
  // Still in the order asked for, and a new order keeps every row.
  await expect(rows.first()).toContainText('Student 51');
  await page.getByRole('button', { name: 'Student', exact: true }).click();
  await expect(page).toHaveURL(/rows=all/);
  await expect(rows).toHaveCount(51);
  await expect(rows.first()).toContainText('Student 01');
  await context.close();
  await instructor.dispose();
});
