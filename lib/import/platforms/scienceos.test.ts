import { expect, test } from 'vitest';
import { expectFixtureImport, importFixture } from '@/lib/import/fixture-import-expectations';

/**
 * scienceos_loc.html.gz, checked by eye: a header repeating the prompt's start, then one
 * prompt block (`data-prompt`, a "Deep research" mode badge with an icon, the prompt in a
 * `_prompt_…` paragraph) and one answer (`data-answer`, `_markdown_…`): a report with
 * headings, paragraphs citing sources through buttons ("Rotter, 1966"), a table, a list.
 */
test('ScienceOS: one prompt and one report, citations kept as text', () => {
  const conversation = importFixture('scienceos_loc.html.gz');
  expectFixtureImport(conversation, {
    platform: 'scienceos',
    roles: ['user', 'assistant'],
    firstUserText: 'Conduct a comprehensive literature review suitable for publication in a major Q1 journal',
    firstAssistantText: 'Overview of Locus of Control Models and LLMs in Education This report explores',
    furniture: ['Deep research'],
  });
  const report = conversation.turns[1]?.html ?? '';
  expect(report).toMatch(/^<h1>Overview of Locus of Control Models and LLMs in Education<\/h1><p>This report explores/);
  expect(report).toContain('as a unidimensional construct (Rotter, 1966). Over time');
  expect(report).toContain('<td><p>Ethical and Practical Concerns</p></td>');
  expect(report).toContain('<ol><li><p>Develop adaptive LLM feedback mechanisms');
});
