import { expect, test } from 'vitest';
import { expectFixtureImport, importFixture } from '@/lib/import/fixture-import-expectations';

/**
 * google_gemini_debug.html.gz, checked by eye: three `conversation-container`s, each a
 * `<user-query>` then a `<model-response>`. The third query has no text, only an uploaded
 * image (a button "Show the uploaded image in a Lightbox"). Each response has an avatar
 * animation (SVG), a text-to-speech control, collapsed thoughts (empty), the answer in
 * `message-content`, and feedback buttons ("Good response", "Bad response"). Code blocks
 * have a header whose label names the language ("Bash").
 */
test('Gemini: three queries and responses, an image-only query kept as an attachment', () => {
  const conversation = importFixture('google_gemini_debug.html.gz');
  expectFixtureImport(conversation, {
    platform: 'gemini',
    roles: ['user', 'assistant', 'user', 'assistant', 'user', 'assistant'],
    firstUserText: 'Hi Gemini. This is critical: cite and verify any claims you are making.',
    firstAssistantText: 'Based on the forensic analysis of the provided boot logs',
    furniture: ['Good response', 'Bad response', 'Show the uploaded image', 'You said', 'Show thinking', 'Bash', 'Copy code'],
  });
  const html = conversation.turns.map((turn) => turn.html);
  expect(html[0]).toBe(
    '<p>Hi Gemini. This is critical: cite and verify any claims you are making. Why do you know this claim, why do you have confidence, what are the proleptic counter arguments.</p>' +
      '<p>We will be working through recovery of a 25.10 Ubuntu upgrade from 24.04 that has produced a black screen after boot, with no visible errors outside this kernel log. After waiting for some time, that log merely turns into a black screen and no interactivity is possible</p>' +
      '<p>I am able to get into recovery mode with no problems.</p>',
  );
  expect(html[1]).toContain('<h4>A. The "Smoking Gun": DKMS Failure</h4>');
  expect(html[1]).toContain('<pre><code class="language-bash">systemctl stop lightdm\nsystemctl stop gdm</code></pre>');
  expect(html[3]).toContain('<pre><code class="language-bash"># Should return no output or "command not found"\nwhich lightdm\n\n# Should show');
  expect(html[4]).toBe('<p><em>[Attachment: image]</em></p>');
  expect(html[5]).toContain('<table><thead><tr><td><p>Failure Point</p></td>');
});
