import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { signInBrowser, uniqueEmail } from './sign-in';

/** Someone signed in in a browser context of their own, with a page open. */
export interface Person {
  context: BrowserContext;
  page: Page;
  name: string;
}

/** Signs a new person in (a unique email from `label`) in a fresh context, at `viewport` if given. */
export async function person(browser: Browser, baseURL: string, label: string, name: string, viewport?: { width: number; height: number }): Promise<Person> {
  const context = await browser.newContext({ baseURL, ...(viewport ? { viewport } : {}) });
  await signInBrowser(context, uniqueEmail(label), name);
  return { context, page: await context.newPage(), name };
}

/** Opens the conversation and waits until its live document is connected and shown. */
export async function openConversation(someone: Person, conversationId: string): Promise<void> {
  await someone.page.goto(`/conversations/${conversationId}`);
  await expect(someone.page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
  await expect(someone.page.locator('.transcript-editor')).toBeVisible();
}

export function editor(page: Page): Locator {
  return page.locator('.transcript-editor');
}

/** Selects the first `length` characters of the transcript's first paragraph. */
export async function selectFirstWords(page: Page, length: number): Promise<void> {
  await page.evaluate((count) => {
    const text = document.querySelector('.transcript-editor p')?.firstChild;
    if (!text) throw new Error('no text to select');
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, count);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }, length);
}
