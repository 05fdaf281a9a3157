import { describe, expect, test } from 'vitest';
import { transcriptDocument, writeRichText, type JsonNode } from './test-documents';
import { workspaceToMarkdown, type WorkspaceExportInput } from './workspace-markdown';

const text = (value: string, ...marks: JsonNode['marks'] & object): JsonNode => ({ type: 'text', text: value, marks });
const paragraph = (...content: JsonNode[]): JsonNode => ({ type: 'paragraph', content });

function workspace(overrides: Partial<WorkspaceExportInput> = {}): WorkspaceExportInput {
  const doc = transcriptDocument(
    [
      { role: 'user', html: '<p>Is the moon made of cheese?</p>' },
      { role: 'assistant', html: '<p><mark data-highlight-id="h1">The moon is made of cheese</mark>.</p>' },
    ],
    { h1: { tagId: 'hallucination', authorName: 'Ada Lovelace', comments: [{ authorName: 'Grace Hopper', createdAt: '2025-03-02T10:00:00Z', text: 'It is not.' }] } },
  );
  return {
    title: 'Moon critique',
    doc,
    studentName: 'Ada Lovelace',
    activityTitle: 'Week 3: spotting hallucinations',
    submittedAt: new Date('2025-03-05T14:05:00Z'),
    status: 'returned',
    grade: '8',
    gradeOutOf: 10,
    feedback: 'Well argued.\n\nCite a source next time.',
    exportedAt: new Date('2025-03-06T09:00:00Z'),
    ...overrides,
  };
}

describe('workspaceToMarkdown', () => {
  test('writes the header, the transcript with its footnotes, the response and the feedback', () => {
    const input = workspace();
    writeRichText(input.doc, [
      { type: 'heading', attrs: { level: 1 }, content: [text('My argument')] },
      paragraph(text('The claim is '), text('false', { type: 'bold' }), text(' because '), text('basalt', { type: 'code' }), text(', see '), text('NASA', { type: 'link', attrs: { href: 'https://nasa.gov' } }), text('.')),
      { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('Rocks', { type: 'italic' }))] }] },
      { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [paragraph(text('First'))] }] },
      { type: 'blockquote', content: [paragraph(text('Quoted'))] },
      { type: 'codeBlock', attrs: { language: 'txt' }, content: [text('verbatim *text*')] },
    ]);
    expect(workspaceToMarkdown(input)).toBe(
      [
        '# Moon critique',
        '',
        '- **Activity:** Week 3: spotting hallucinations',
        '- **Student:** Ada Lovelace',
        '- **Status:** Returned',
        '- **Submitted:** 2025-03-05 14:05 UTC',
        '- **Exported:** 2025-03-06 09:00 UTC',
        '',
        '## User',
        '',
        'Is the moon made of cheese?',
        '',
        '## Assistant',
        '',
        '==The moon is made of cheese==[^1].',
        '',
        '## Annotations',
        '',
        '[^1]: **hallucination** — "The moon is made of cheese" (by Ada Lovelace, 2025-03-01)',
        '    - Grace Hopper (2025-03-02): It is not.',
        '',
        '## Response',
        '',
        '### My argument',
        '',
        'The claim is **false** because `basalt`, see [NASA](https://nasa.gov).',
        '',
        '- *Rocks*',
        '',
        '1. First',
        '',
        '> Quoted',
        '',
        '```txt',
        'verbatim *text*',
        '```',
        '',
        '## Feedback',
        '',
        '**Grade:** 8 / 10',
        '',
        'Well argued.',
        '',
        'Cite a source next time.',
        '',
      ].join('\n'),
    );
  });

  test('a workspace never submitted says so, with no feedback section and an empty response marked as such', () => {
    const markdown = workspaceToMarkdown(workspace({ submittedAt: null, status: 'in_progress', grade: null, gradeOutOf: null, feedback: '', exportedAt: undefined }));
    expect(markdown).toContain('- **Status:** In progress\n- **Submitted:** Not submitted\n\n## User');
    expect(markdown).toContain('## Response\n\n*No response written.*\n');
    expect(markdown).not.toContain('## Feedback');
    expect(markdown).not.toContain('Exported');
  });

  test('a late submission is marked late; a free-text grade stands alone; feedback alone is enough for the section', () => {
    const late = workspaceToMarkdown(workspace({ status: 'submitted', late: true, grade: 'Excellent', gradeOutOf: null, feedback: '' }));
    expect(late).toContain('- **Submitted:** 2025-03-05 14:05 UTC (late)');
    expect(late).toContain('## Feedback\n\n**Grade:** Excellent\n');
    const feedbackOnly = workspaceToMarkdown(workspace({ grade: '  ', feedback: 'See me.' }));
    expect(feedbackOnly).toMatch(/## Feedback\n\nSee me\.\n$/);
  });

  test('names and the response read as text: they add no heading, list item or footnote of their own', () => {
    const input = workspace({ title: '', studentName: '## Student\n- x', activityTitle: '[^1]: fake', grade: '# 10', feedback: '## Not a heading\n[^9]: nor a footnote' });
    writeRichText(input.doc, [
      paragraph(text('## Response again')),
      paragraph(text('[^1]: a fake footnote')),
      { type: 'heading', attrs: { level: 1 }, content: [text('Heading <script>alert(1)</script>')] },
    ]);
    const markdown = workspaceToMarkdown(input);
    expect(markdown.startsWith('# Untitled workspace\n')).toBe(true);
    expect(markdown.split('\n').filter((line) => /^#{1,2} /.test(line))).toEqual(['# Untitled workspace', '## User', '## Assistant', '## Annotations', '## Response', '## Feedback']);
    expect(markdown.split('\n').filter((line) => /^\[\^\d+\]:/.test(line))).toHaveLength(1);
    expect(markdown).toContain('- **Student:** ## Student - x');
    expect(markdown).toContain('### Heading \\<script>alert(1)\\</script>');
  });
});
