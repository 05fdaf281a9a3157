import { expect, test } from '@playwright/test';
import { startOwnAppServer, type OwnAppServer } from './support/app-server';
import { signInBrowser, uniqueEmail } from './support/sign-in';

/**
 * On a server of its own, with debug logging: the magic link works from the log line, single
 * sign-on shows when configured, /metrics answers, and nothing personal reaches the log.
 */
test.describe('sign-in, metrics and what the log keeps', () => {
  let server: OwnAppServer;

  test.beforeAll(async () => {
    server = await startOwnAppServer({
      env: {
        LOG_LEVEL: 'debug',
        OIDC_ISSUER: 'https://sso.example.edu',
        OIDC_CLIENT_ID: 'grimoire',
        OIDC_CLIENT_SECRET: 'not-a-real-secret',
        OIDC_NAME: 'Springfield University',
      },
    });
  });

  test.afterAll(async () => {
    await server.dispose();
  });

  test('magic link from the server log signs in; SSO is offered; no address, token or code is logged', async ({ browser }) => {
    test.setTimeout(120_000);
    const magicEmail = uniqueEmail('magic');
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    await page.goto('/signin');
    await expect(page.getByRole('button', { name: 'Sign in with Springfield University' })).toBeVisible();
    await page.getByLabel('Email address', { exact: true }).fill(magicEmail);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expect(page.getByText("written to the server's log", { exact: false })).toBeVisible();

    await expect.poll(() => server.output().includes('signInLink')).toBe(true);
    const link = /"signInLink":"([^"]+)"/.exec(server.output())?.[1] ?? '';
    expect(link).toContain('/api/auth/callback/email');
    await page.goto(link);
    const me = (await (await context.request.get('/api/me')).json()) as { email: string };
    expect(me.email).toBe(magicEmail);
    // A link works once.
    const again = await browser.newContext({ baseURL: server.baseURL });
    const reuse = await again.newPage();
    await reuse.goto(link);
    await expect(reuse).toHaveURL(/error=Verification/);
    await again.close();

    // Classes, invite codes and joins, including failures, then a look at the log.
    const instructorEmail = uniqueEmail('log-instructor');
    const studentEmail = uniqueEmail('log-student');
    const instructor = await browser.newContext({ baseURL: server.baseURL });
    await signInBrowser(instructor, instructorEmail, 'Logan Instructor');
    const created = (await (await instructor.request.post('/api/classes', { data: { name: 'Private class' } })).json()) as { id: string; inviteCode: string };
    const student = await browser.newContext({ baseURL: server.baseURL });
    await signInBrowser(student, studentEmail, 'Stu Dent');
    expect((await student.request.post('/api/join', { data: { code: 'WXYZ-2345' } })).status()).toBe(404);
    expect((await student.request.post('/api/join', { data: { code: created.inviteCode } })).status()).toBe(200);
    const rotated = (await (await instructor.request.post(`/api/classes/${created.id}/invite-code`)).json()) as { inviteCode: string };
    const cookies = [...(await instructor.cookies()), ...(await student.cookies())].map((cookie) => cookie.value).filter((value) => value.length > 20);

    const metrics = await instructor.request.get('/metrics');
    expect(metrics.status()).toBe(200);
    expect(await metrics.text()).toContain('grimoire_sync_connections');

    const output = server.output();
    const withoutTheLink = output
      .split('\n')
      .filter((line) => !line.includes('signInLink'))
      .join('\n');
    for (const secret of [magicEmail, instructorEmail, studentEmail, 'Logan Instructor', 'Stu Dent', 'Private class', ...cookies]) {
      expect(withoutTheLink, `the log must not contain ${secret.slice(0, 12)}…`).not.toContain(secret);
    }
    for (const code of [created.inviteCode, rotated.inviteCode, 'WXYZ-2345']) {
      expect(withoutTheLink).not.toContain(code);
      expect(withoutTheLink).not.toContain(code.replace('-', ''));
    }
    for (const opened of [context, instructor, student]) await opened.close();
  });
});
