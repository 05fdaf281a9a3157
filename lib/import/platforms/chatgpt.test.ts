import { expect, test } from 'vitest';
import { expectFixtureImport, importFixture } from '@/lib/import/fixture-import-expectations';

/**
 * openai_biblatex.html.gz, checked by eye: four `article`s (`data-testid`
 * conversation-turn-1 … 4, `data-turn` user/assistant alternating), each with an `sr-only`
 * "You said:" / "ChatGPT said:" heading and one `data-message-author-role` message. The
 * first user message has two file tiles (output.log, references-brian.bib, each labelled
 * "File") above its text; each answer has a "Thought for …" button above it and a "Sources"
 * button below.
 */
test('ChatGPT (o3): four turns, attachments named, tables and code kept', () => {
  const conversation = importFixture('openai_biblatex.html.gz');
  expectFixtureImport(conversation, {
    platform: 'chatgpt',
    roles: ['user', 'assistant', 'user', 'assistant'],
    firstUserText: '[Attachment: output.log] [Attachment: references-brian.bib] Hi o3. Suddenly my BibLaTeX citations',
    firstAssistantText: 'Below is everything in the log that biblatex is trying to tell you',
    furniture: ['You said', 'ChatGPT said', 'Thought for', 'Sources', 'Copy code'],
  });
  const [, firstAnswer, , secondAnswer] = conversation.turns.map((turn) => turn.html);
  expect(firstAnswer).toContain('<h3>1 Biber was <strong>never run (or it failed)</strong></h3>');
  expect(firstAnswer).toContain('<pre><code class="language-bash">lualatex main      # or pdflatex/xelatex');
  expect(firstAnswer).toContain('<table><thead><tr><th><p>Editor / tool</p></th><th><p>What to check</p></th></tr></thead><tbody><tr><td><p><strong>latexmk</strong></p></td>');
  expect(secondAnswer).toContain('<h2>1 Clean the slate</h2>');
  expect(secondAnswer).toContain('rm -f main.{aux,log,bcf,bbl,blg,out,run.xml} \\\n      main.*-blx.bib');
});

/**
 * chatgpt54-emoji.html.gz, checked by eye: the page with its sidebar ("Chat history" nav),
 * model picker ("Model selector, current model is 5.4 Thinking"), two `article`s: the user's,
 * and the assistant's holding two messages (a progress note "I’m checking the current 7
 * Days to Die …" and the answer, with a "Thought for 9s" button between them); then the
 * "Need to make changes?" banner, the composer ("Ask anything") and an `sr-only` live region
 * repeating the answer after "ChatGPT says:".
 */
test('ChatGPT (5.4 Thinking): one user turn, one assistant turn of two messages, emoji intact', () => {
  const conversation = importFixture('chatgpt54-emoji.html.gz');
  expectFixtureImport(conversation, {
    platform: 'chatgpt',
    roles: ['user', 'assistant'],
    firstUserText: 'hey chatgpt, i am playing 7 days to die and am about to craft a minibike.',
    firstAssistantText: 'I’m checking the current 7 Days to Die vehicle crafting behavior so I don’t steer you wrong on a version-specific detail 🎮🔋 Use the level 1 battery 👍🔋',
    furniture: ['Thought for', 'Need to make changes', 'Try sending a follow-up', 'ChatGPT says', 'Model selector', 'Ask anything', 'Chat history'],
  });
  // The user's pre-wrap text keeps its line breaks.
  expect(conversation.turns[0]?.html).toBe(
    '<p>hey chatgpt, i am playing 7 days to die and am about to craft a minibike.<br>Should i use a level 6 or level 1 lead car battery or is there no difference<br>as i dont want to waste my good batterys (please use emoji in your response, and a small markdown table)</p>',
  );
  expect(conversation.turns[1]?.html).toContain('<tr><td><p>Level 1 🔋</p></td><td><p>Same minibike</p></td></tr>');
});
