import { request as playwrightRequest, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

/** A unique address per test run, so tests never share users. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/**
 * The name a test person gets when the test does not care: a first sign-in without a name is
 * sent to `/welcome` before any page (`requireSignedInUser`). Pass `''` to sign in nameless.
 */
export const defaultTestName = 'Test Person';

/**
 * Signs in through the contract's `dev` provider (GET /api/auth/csrf, then POST
 * /api/auth/callback/dev) and returns an API context holding the session cookie.
 */
export async function signedInApi(baseURL: string, email: string, name?: string): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  await signInApi(api, email, name);
  return api;
}

export async function signInApi(api: APIRequestContext, email: string, name?: string): Promise<void> {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await api.post('/api/auth/callback/dev', { form: { csrfToken, email, name: name ?? defaultTestName }, maxRedirects: 0 });
  if (response.status() !== 302) throw new Error(`dev sign-in failed with ${response.status()}`);
  const me = await api.get('/api/me');
  if (me.status() !== 200) throw new Error(`signed in but /api/me answered ${me.status()}`);
}

/** Signs a browser context in (its cookies are shared with `context.request`). */
export async function signInBrowser(context: BrowserContext, email: string, name?: string): Promise<void> {
  await signInApi(context.request, email, name);
}

/** Signs in through the sign-in page, as a person would. */
export async function signInThroughPage(page: Page, email: string, name: string): Promise<void> {
  await page.getByLabel('Development email address').fill(email);
  await page.getByLabel('Display name (optional)').fill(name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
