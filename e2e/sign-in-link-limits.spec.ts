import { expect, test, request as playwrightRequest } from '@playwright/test';
import { startOwnAppServer, type OwnAppServer } from './support/app-server';
import { uniqueEmail } from './support/sign-in';

/**
 * Magic-link requests are limited per address (`limits.signInLinks.perEmail`: 5 per quarter
 * hour) before any link is made: a burst of concurrent requests sends at most that many
 * links, counted where they leave the server (with no EMAIL_SERVER, `send-sign-in-link.ts`
 * writes each to the log), and the sign-in page says when to try again.
 */
test.describe('magic-link limits', () => {
  let server: OwnAppServer;

  test.beforeAll(async () => {
    server = await startOwnAppServer({ env: { LOG_LEVEL: 'info' } });
  });

  test.afterAll(async () => {
    await server.dispose();
  });

  const linksSentTo = (email: string) =>
    server
      .output()
      .split('\n')
      .filter((line) => line.includes('"signInLink"') && line.includes(encodeURIComponent(email))).length;

  test('twelve requests at once for one address send five links; the page then says when to try again', async ({ browser }) => {
    const email = uniqueEmail('flood');
    const api = await playwrightRequest.newContext({ baseURL: server.baseURL });
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => api.post('/api/auth/signin/email', { form: { csrfToken, email, callbackUrl: '/' }, maxRedirects: 0 })),
    );
    const locations = answers.map((answer) => answer.headers().location ?? '');
    expect(locations.filter((location) => location.includes('/verify-request'))).toHaveLength(5);
    expect(locations.filter((location) => /\/signin\?error=TooManyLinks&retryAfter=\d+/.test(location))).toHaveLength(7);
    await expect.poll(() => linksSentTo(email)).toBe(5);

    const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
    await page.goto('/signin?callbackUrl=%2Fjoin%2FABCD-EFGH');
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toContainText(/Too many sign-in links were asked for .* Try again in (15|14) minutes/);
    // Where the person was going is kept for when they try again.
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/join/ABCD-EFGH');
    expect(linksSentTo(email)).toBe(5);

    // Someone else's address is not held up by that.
    const other = uniqueEmail('bystander');
    await page.getByLabel('Email address', { exact: true }).fill(other);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    await expect.poll(() => linksSentTo(other)).toBe(1);
    await api.dispose();
  });
});
