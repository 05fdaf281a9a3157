import { expect, test } from 'vitest';
import { expectFixtureImport, importFixture } from '@/lib/import/fixture-import-expectations';

/**
 * openrouter_fizzbuzz.html.gz, checked by eye: four message divs in the playground's message
 * list (the fixture's own comments say "Turn 1: User asks about FizzBuzz" … "Turn 4"),
 * `data-testid` user-message / assistant-message alternating; each assistant bubble starts
 * with a header row ("5 seconds ago", the model "Qwen3.5-35B-A3B", "Reasoning"); below
 * the list, the composer ("Type a message...", a "Send" button).
 */
test('the OpenRouter playground: four alternating turns, code with its language', () => {
  const conversation = importFixture('openrouter_fizzbuzz.html.gz');
  expectFixtureImport(conversation, {
    platform: 'openrouter',
    roles: ['user', 'assistant', 'user', 'assistant'],
    firstUserText: 'Write a FizzBuzz implementation in Python. For numbers 1 to 100',
    firstAssistantText: 'Here is a clean FizzBuzz implementation in Python',
    furniture: ['seconds ago', 'Qwen3.5-35B-A3B', 'Reasoning', 'Type a message', 'Send', 'OpenRouter', 'Playground'],
  });
  const answer = conversation.turns[1]?.html ?? '';
  expect(answer).toContain('<pre><code class="language-python">def fizzbuzz(n: int) -&gt; str:\n    """Return the FizzBuzz representation of a number.\n\n    Args:');
  expect(answer).toContain('if __name__ == "__main__":\n    main()</code></pre>');
  expect(answer).toContain('<ul><li><p>I check divisibility by 15 first');
  expect(conversation.turns[3]?.html).toContain('<ol><li><p><strong>Parametrized boundary tests</strong> covering');
  expect(conversation.turns[3]?.html).toContain('<code>pytest -v test_fizzbuzz.py</code>');
});
