import { expect, test, type APIRequestContext, type BrowserContext } from '@playwright/test';
import { WebSocket } from 'ws';
import { signedInApi, signInBrowser, uniqueEmail } from './support/sign-in';

/**
 * Signing out ends the session on the server: a copy of the cookie taken while signed in
 * (a shared school computer, a stolen cookie) gets 401 from the API and from the live-sync
 * upgrade afterwards, whichever way the person signed out.
 */

/** The Cookie header a browser or API context would send, for a client that copied it. */
async function copiedCookie(context: BrowserContext | APIRequestContext): Promise<string> {
  const { cookies } = await context.storageState();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** Opens `/yjs/<id>` with that cookie; resolves with the HTTP status of the upgrade (101 when it opened). */
function upgradeStatus(baseURL: string, conversationId: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/yjs/${conversationId}`, { headers: { cookie } });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** An open live connection with that cookie; resolves `closed` with the close code. */
function openSocket(baseURL: string, conversationId: string, cookie: string): Promise<{ closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/yjs/${conversationId}`, { headers: { cookie } });
    const closed = new Promise<number>((resolveClose) => socket.once('close', (code) => resolveClose(code)));
    socket.once('open', () => resolve({ closed }));
    socket.once('error', reject);
  });
}

async function createConversation(api: APIRequestContext): Promise<string> {
  const created = (await (await api.post('/api/classes', { data: { name: 'Sign-out class' } })).json()) as { id: string };
  const conversation = await api.post(`/api/classes/${created.id}/conversations`, { data: { title: 'Sign-out transcript' } });
  expect(conversation.status()).toBe(201);
  return ((await conversation.json()) as { id: string }).id;
}

test('after signing out through the API, a copied cookie gets 401 over HTTP and on the WebSocket, and its open connection closes', async ({ baseURL }) => {
  const api = await signedInApi(baseURL!, uniqueEmail('signout-api'));
  const conversationId = await createConversation(api);
  const cookie = await copiedCookie(api);
  expect((await fetch(`${baseURL}/api/me`, { headers: { cookie } })).status).toBe(200);
  expect(await upgradeStatus(baseURL!, conversationId, cookie)).toBe(101);
  const live = await openSocket(baseURL!, conversationId, cookie);

  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signedOut = await api.post('/api/auth/signout', { form: { csrfToken }, maxRedirects: 0 });
  expect(signedOut.status()).toBe(302);
  // The connection that was open closes: 4401, the session signed out.
  expect(await live.closed).toBe(4401);

  expect((await fetch(`${baseURL}/api/me`, { headers: { cookie } })).status).toBe(401);
  expect(await upgradeStatus(baseURL!, conversationId, cookie)).toBe(401);
  // Auth.js' own session endpoint says signed out too.
  expect(await (await fetch(`${baseURL}/api/auth/session`, { headers: { cookie } })).json()).toBeNull();
  await api.dispose();
});

test('after pressing Sign out in the page, the cookie copied from that browser authenticates nothing', async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  await signInBrowser(context, uniqueEmail('signout-page'), 'Shared Computer');
  const conversationId = await createConversation(context.request);
  const cookie = await copiedCookie(context);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();

  expect((await fetch(`${baseURL}/api/me`, { headers: { cookie } })).status).toBe(401);
  expect(await upgradeStatus(baseURL!, conversationId, cookie)).toBe(401);
  // Signing in again makes a new session; the old cookie stays dead.
  await signInBrowser(context, uniqueEmail('signout-again'));
  expect((await fetch(`${baseURL}/api/me`, { headers: { cookie } })).status).toBe(401);
  await context.close();
});

test('signing out one browser leaves the same person signed in on another', async ({ baseURL }) => {
  const email = uniqueEmail('two-browsers');
  const laptop = await signedInApi(baseURL!, email);
  const phone = await signedInApi(baseURL!, email);
  const { csrfToken } = (await (await laptop.get('/api/auth/csrf')).json()) as { csrfToken: string };
  await laptop.post('/api/auth/signout', { form: { csrfToken }, maxRedirects: 0 });
  expect((await laptop.get('/api/me')).status()).toBe(401);
  expect((await phone.get('/api/me')).status()).toBe(200);
  await laptop.dispose();
  await phone.dispose();
});

test('“Sign out everywhere” on the profile page ends every session of that person, not anyone else’s', async ({ browser, baseURL }) => {
  const email = uniqueEmail('everywhere');
  const schoolComputer = await signedInApi(baseURL!, email);
  const conversationId = await createConversation(schoolComputer);
  const live = await openSocket(baseURL!, conversationId, await copiedCookie(schoolComputer));
  const someoneElse = await signedInApi(baseURL!, uniqueEmail('someone-else'));
  const context = await browser.newContext();
  await signInBrowser(context, email);
  const page = await context.newPage();
  await page.goto('/profile');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();

  expect(await live.closed).toBe(4401);
  expect((await schoolComputer.get('/api/me')).status()).toBe(401);
  expect((await context.request.get('/api/me')).status()).toBe(401);
  expect((await someoneElse.get('/api/me')).status()).toBe(200);
  for (const api of [schoolComputer, someoneElse]) await api.dispose();
  await context.close();
});
