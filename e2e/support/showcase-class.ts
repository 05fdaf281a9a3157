import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, type Browser, type Page } from '@playwright/test';
import { openConversation, person, type Person } from './workspace-people';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'conversations');

/** A real transcript as a browser put it on the clipboard (e2e/fixtures/conversations, MIT). */
export function transcriptFixture(name: string): string {
  return gunzipSync(readFileSync(path.join(fixtures, name))).toString('utf8');
}

/** The ChatGPT conversation the showcase class discusses (a BibLaTeX log that cites nothing). */
export const showcaseTranscript = 'openai_biblatex.html.gz';

/** A class as a term's third week looks: members, conversations, a published activity with a workspace begun. */
export interface ShowcaseClass {
  instructor: Person;
  student: Person;
  classmate: Person;
  classId: string;
  inviteCode: string;
  /** The imported ChatGPT conversation, a class conversation the student started. */
  conversationId: string;
  activityId: string;
  /** The student's own workspace of the activity. */
  workspaceId: string;
  /** A second class conversation, the classmate's (plain text). */
  otherConversationId: string;
}

/**
 * Signs in an instructor and two students (each in a context of its own, at `viewport` if
 * given), and builds the class through the API, as the pages would.
 */
export async function showcaseClass(browser: Browser, baseURL: string, viewport?: { width: number; height: number }): Promise<ShowcaseClass> {
  const instructor = await person(browser, baseURL, 'showcase-instructor', 'Ruth Rivera', viewport);
  const student = await person(browser, baseURL, 'showcase-student', 'Sam Okafor', viewport);
  const classmate = await person(browser, baseURL, 'showcase-classmate', 'Bea Lindqvist', viewport);
  const created = await instructor.context.request.post('/api/classes', {
    data: { name: 'Writing with AI', description: 'Spring term. We read AI chats critically: what the prompt asked, what came back, and what to check.' },
  });
  expect(created.status()).toBe(201);
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  for (const member of [student, classmate]) expect((await member.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);

  const imported = await student.context.request.post(`/api/classes/${classId}/conversations`, {
    data: { title: 'BibLaTeX citations not rendering', html: transcriptFixture(showcaseTranscript) },
  });
  expect(imported.status()).toBe(201);
  const { id: conversationId } = (await imported.json()) as { id: string };
  const other = await classmate.context.request.post(`/api/classes/${classId}/conversations`, {
    data: {
      title: 'Summarising a reading',
      text: 'User: Summarise the attached article on sleep and memory in five bullet points.\nAssistant: Here are five key points from the article:\n\n- Sleep consolidates memories formed during the day.\n- Deep sleep matters most for facts; REM sleep for skills.\n- Short naps help, but do not replace a night’s sleep.\n- Teenagers need more sleep than adults.\n- Screens before bed delay sleep by about an hour.',
    },
  });
  expect(other.status()).toBe(201);
  const { id: otherConversationId } = (await other.json()) as { id: string };

  const dueAt = new Date(Date.now() + 6 * 24 * 60 * 60 * 1000).toISOString();
  const activity = await instructor.context.request.post(`/api/classes/${classId}/activities`, {
    data: {
      title: 'Critique a debugging chat',
      instructions: 'Read the whole chat. Highlight **two places** where the answer helped and one where it went wrong, tag each, and explain in your response what you would have asked instead.',
      mode: 'individual',
      templateConversationId: conversationId,
      dueAt,
      responseMaxWords: 300,
      gradeOutOf: 10,
    },
  });
  expect(activity.status()).toBe(201);
  const { id: activityId } = (await activity.json()) as { id: string };
  expect((await instructor.context.request.patch(`/api/activities/${activityId}`, { data: { published: true } })).status()).toBe(200);
  const started = await student.context.request.post(`/api/activities/${activityId}/start`);
  expect(started.status()).toBe(200);
  const { conversationId: workspaceId } = (await started.json()) as { conversationId: string };
  return { instructor, student, classmate, classId, inviteCode, conversationId, activityId, workspaceId, otherConversationId };
}

/** Selects the first occurrence of `phrase` in the transcript (it must sit in one text node). */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector('.transcript-editor');
    if (!root) throw new Error('no transcript');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      (node.parentElement as HTMLElement | null)?.scrollIntoView({ block: 'center' });
      return;
    }
    throw new Error(`“${wanted}” is not in the transcript`);
  }, phrase);
}

/** Highlights `phrase` with `tag` and comments on it, through the workspace's own controls. */
export async function highlightAndComment(someone: Person, phrase: string, tag: string, comment: string): Promise<void> {
  const { page } = someone;
  await selectPhrase(page, phrase);
  await page.getByLabel('Tag', { exact: true }).selectOption({ label: tag });
  await page.getByRole('button', { name: 'Highlight selection' }).click();
  await expect(page.locator('.transcript-editor mark[data-highlight-id]', { hasText: phrase.slice(0, 20) }).first()).toBeVisible();
  const card = page.getByTestId('annotation-item').filter({ hasText: phrase.slice(0, 30) });
  await card.getByPlaceholder('Add a comment').fill(comment);
  await card.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(card.getByTestId('comment').filter({ hasText: comment })).toBeVisible();
}

/** Phrases of the showcase transcript, for highlights (each inside one text node). */
export const showcasePhrases = {
  vague: 'Suddenly my BibLaTeX citations aren\'t rendering at all',
  helpful: 'Starting fresh rules out stale files that can confuse LaTeX/Biber.',
  overclaim: 'Follow these steps and the bibliography will show up again',
};

/** Opens the conversation and leaves three tagged highlights with comments in it, as a student would. */
export async function annotateShowcase(showcase: ShowcaseClass, conversationId: string): Promise<void> {
  await openConversation(showcase.student, conversationId);
  await highlightAndComment(showcase.student, showcasePhrases.vague, 'ineffective', 'Says what is wrong but not what shows instead: [?] marks, or an empty bibliography?');
  await highlightAndComment(showcase.student, showcasePhrases.helpful, 'effective', 'A clean rebuild first: cheap, and it rules a whole class of causes out.');
  await highlightAndComment(showcase.student, showcasePhrases.overclaim, 'hallucination', 'It cannot promise that: it has never seen the .bib file.');
}

/** Pastes `html` into the import page's paste area, as a browser's clipboard would hand it over. */
export async function pasteIntoImport(page: Page, html: string): Promise<void> {
  await page.getByTestId('paste-area').focus();
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/html', pasted);
    data.setData('text/plain', 'ignored when HTML is there');
    document.querySelector('[data-testid="paste-area"]')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await expect(page.getByTestId('import-preview').getByRole('heading').first()).toContainText('Detected');
}
