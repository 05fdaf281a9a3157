import { expect, test, type Page } from '@playwright/test';
import { openConversation, person } from './support/workspace-people';

/**
 * Two people typing at the same spot at the same moment, in two real browsers: each one's
 * text comes out whole and in order, for both of them and in the stored text. (Typing one
 * after the other never showed the scrambling this guards against; only typing at once does.)
 */
/** Where a round's caret goes: a paragraph found by its text, and an offset in it. */
interface Spot {
  /** Text the paragraph contains; `''` means the (one) empty paragraph. */
  paragraph: string;
  /** `start`, `end`, or just after this text in the paragraph. */
  at: 'start' | 'end' | { after: string };
}

interface Round {
  place: string;
  spot: Spot;
  /** Run before the round, by the instructor: makes the spot (an empty paragraph, say). */
  prepare?: (page: Page) => Promise<void>;
}

const transcript = [
  'User: How do I boil an egg?',
  '',
  'I want it soft.',
  'Assistant: Put it in boiling water.',
  '',
  'Wait six minutes for a soft yolk.',
  '',
  'Then cool it in cold water.',
  'User: Thanks, that helps.',
  'Assistant: You are welcome to ask more.',
].join('\n');

const rounds: Round[] = [
  { place: 'the end of a paragraph', spot: { paragraph: 'How do I boil an egg?', at: 'end' } },
  { place: 'the middle of a word', spot: { paragraph: 'Put it in boiling water.', at: { after: 'Put it in boi' } } },
  {
    place: 'an empty paragraph',
    spot: { paragraph: '', at: 'start' },
    prepare: (page) => pressAt(page, { paragraph: 'I want it soft.', at: 'end' }, 'Enter'),
  },
  { place: 'the start of a turn', spot: { paragraph: 'Put it in boi', at: 'start' } },
  { place: 'the start of the document', spot: { paragraph: 'How do I boil', at: 'start' } },
  { place: 'the end of the document', spot: { paragraph: 'You are welcome to ask more.', at: 'end' } },
  { place: 'the middle of another word', spot: { paragraph: 'Wait six minutes', at: { after: 'Wait six min' } } },
  { place: 'between two words', spot: { paragraph: 'Then cool it in cold water.', at: { after: 'Then cool ' } } },
  { place: 'the end of a short turn', spot: { paragraph: 'Thanks, that helps.', at: 'end' } },
  {
    place: 'an empty paragraph at the end of a turn',
    spot: { paragraph: '', at: 'start' },
    prepare: (page) => pressAt(page, { paragraph: 'Then cool', at: 'end' }, 'Enter'),
  },
];

/** 30 characters, distinct per round and person, so any reordering or interleaving shows. */
function typedText(who: 'I' | 'S', round: number): string {
  const letters = who === 'I' ? 'abcdefghijklmnopqrstuvwxy' : 'zyxwvutsrqponmlkjihgfedcb';
  return `${who}${String(round).padStart(2, '0')}-${letters}`.slice(0, 30).padEnd(30, '.');
}

/** The transcript's text, one line per paragraph, without the others' caret labels drawn inside it. */
function paragraphsText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.transcript-editor p')]
      .map((paragraph) => {
        const copy = paragraph.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
}

/**
 * Puts the page's caret at a spot (a DOM selection, which the editor takes as its own) and
 * answers the text of its paragraph before and after it.
 */
async function placeCaret(page: Page, spot: Spot): Promise<{ before: string; after: string }> {
  const placed = await page.evaluate((target) => {
    const isCaret = (node: Node) => !!node.parentElement?.closest('.collaboration-carets__caret');
    const textOf = (paragraph: Element) => {
      let text = '';
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!isCaret(node)) text += node.textContent ?? '';
      return text;
    };
    const editorElement = document.querySelector('.transcript-editor') as HTMLElement;
    const paragraphs = [...editorElement.querySelectorAll('p')];
    const matching = paragraphs.filter((paragraph) => (target.paragraph === '' ? textOf(paragraph) === '' : textOf(paragraph).includes(target.paragraph)));
    if (matching.length !== 1) throw new Error(`expected one paragraph with "${target.paragraph}", found ${matching.length}`);
    const paragraph = matching[0]!;
    const text = textOf(paragraph);
    const offset = target.at === 'start' ? 0 : target.at === 'end' ? text.length : text.indexOf(target.at.after) + target.at.after.length;
    if (offset < 0) throw new Error('no such text in the paragraph');
    editorElement.focus();
    const range = document.createRange();
    if (text === '') {
      range.setStart(paragraph, 0);
    } else {
      let remaining = offset;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      let placed = false;
      for (let node = walker.nextNode(); node && !placed; node = walker.nextNode()) {
        if (isCaret(node)) continue;
        const length = node.textContent?.length ?? 0;
        if (remaining <= length) {
          range.setStart(node, remaining);
          placed = true;
        } else {
          remaining -= length;
        }
      }
    }
    range.collapse(true);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return { before: text.slice(0, offset), after: text.slice(offset) };
  }, spot);
  // The editor reads the DOM selection a moment later (and may put back its own if it was busy):
  // wait until its selection is where the DOM's is.
  await expect.poll(() => page.evaluate(() => {
    const view = (document.querySelector('.transcript-editor') as HTMLElement & { editor: { view: { state: { selection: { head: number } }; posAtDOM(node: Node, offset: number): number } } }).editor.view;
    const selection = window.getSelection();
    return !!selection?.anchorNode && view.state.selection.head === view.posAtDOM(selection.anchorNode, selection.anchorOffset);
  }), { timeout: 3_000 }).toBe(true);
  return placed;
}

/** The text before the other person's caret in its paragraph, or null while it is not shown. */
function textBeforeRemoteCaret(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const caret = document.querySelector('.transcript-editor .collaboration-carets__caret');
    const paragraph = caret?.closest('p');
    if (!caret || !paragraph) return null;
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEndBefore(caret);
    const before = range.cloneContents();
    before.querySelectorAll('.collaboration-carets__caret').forEach((other) => other.remove());
    return before.textContent ?? '';
  });
}

async function pressAt(page: Page, spot: Spot, key: string): Promise<void> {
  await placeCaret(page, spot);
  await page.keyboard.press(key);
}

test('two people typing at the same spot at the same moment each keep their text whole and in order', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const instructor = await person(browser, baseURL ?? '', 'instructor', 'Irene Instructor');
  const student = await person(browser, baseURL ?? '', 'student', 'Sam Student');
  const created = await instructor.context.request.post('/api/classes', { data: { name: 'Typing together' } });
  const { id: classId, inviteCode } = (await created.json()) as { id: string; inviteCode: string };
  expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);
  const started = await instructor.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Eggs', text: transcript } });
  expect(started.status()).toBe(201);
  const { id: conversationId } = (await started.json()) as { id: string };
  const people = [instructor, student];
  for (const someone of people) await openConversation(someone, conversationId);

  const allTyped: string[] = [];
  for (const [index, round] of rounds.entries()) {
    const number = index + 1;
    await test.step(`round ${number}: ${round.place}`, async () => {
      if (round.prepare) await round.prepare(instructor.page);
      // Both pages hold the same document before the round starts.
      await expect.poll(async () => (await paragraphsText(student.page)) === (await paragraphsText(instructor.page))).toBe(true);
      const before = await paragraphsText(instructor.page);

      // Both at the spot, each seeing the other's caret there (placed again if the editor was busy).
      let spot = { before: '', after: '' };
      await expect(async () => {
        const [instructorSpot, studentSpot] = await Promise.all(people.map((someone) => placeCaret(someone.page, round.spot)));
        expect(studentSpot).toEqual(instructorSpot);
        spot = instructorSpot!;
        for (const someone of people) await expect.poll(() => textBeforeRemoteCaret(someone.page), { timeout: 2_000 }).toBe(spot.before);
      }).toPass({ timeout: 20_000 });

      const texts = { instructor: typedText('I', number), student: typedText('S', number) };
      await Promise.all([
        instructor.page.keyboard.type(texts.instructor, { delay: 25 }),
        student.page.keyboard.type(texts.student, { delay: 25 }),
      ]);

      // Both pages converge on the same document, 60 characters longer...
      const settled = async () => {
        const [a = '', b] = await Promise.all(people.map((someone) => paragraphsText(someone.page)));
        return a === b && a.length === before.length + 60 ? a : null;
      };
      await expect.poll(settled).not.toBeNull();
      const now = (await settled()) ?? '';
      // ...in which each person's text is whole, in order, at the spot (one before the other).
      const linesBefore = before.split('\n');
      const line = now.split('\n').find((candidate, lineIndex) => candidate !== linesBefore[lineIndex]);
      expect([
        `${spot.before}${texts.instructor}${texts.student}${spot.after}`,
        `${spot.before}${texts.student}${texts.instructor}${spot.after}`,
      ]).toContain(line);
      allTyped.push(texts.instructor, texts.student);
    });
  }

  // The stored text (written when the document compacts, 10 s after the last edit) has every one of them whole.
  await expect
    .poll(
      async () => {
        const response = await instructor.context.request.get(`/api/conversations/${conversationId}`);
        const { rawText } = (await response.json()) as { rawText: string };
        return allTyped.filter((text) => !rawText.includes(text));
      },
      { timeout: 40_000, intervals: [1_000] },
    )
    .toEqual([]);
  for (const someone of people) await someone.context.close();
});
