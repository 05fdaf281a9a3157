import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { exportConversationMarkdown } from '@/lib/export/conversation-export';
import { test } from '@/lib/testing/test-database';
import { exportActivityArchive, exportSubmissionsCsv, uniqueFileName } from './activity-export';
import { returnWorkspace, submitWorkspace } from './submission-administration';
import { csvCell, submissionsCsv } from './submissions-csv';
import { documentLayout } from '@/lib/sync/document-layout';
import { transcriptDocumentFromHtml } from '@/lib/testing/html-transcript-document';
import { createCourseworkClass, startedWorkspace, writeDocument } from './testing/coursework-fixtures';
import { exportWorkspacePdf } from './workspace-export';
import type { OverviewRow } from './activity-overview';

describe('exportActivityArchive', () => {
  test('a ZIP of every started workspace as Markdown (with its response and feedback), plus submissions.csv', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 3, names: ['Zoë O’Brien', 'Zoë O’Brien', 'Not Started'], activity: { gradeOutOf: 10, title: 'Essay: week 1' } });
    const [first, second] = coursework.studentIds as [string, string];
    const firstWorkspace = await startedWorkspace(db, coursework, first, { response: 'My first response.' });
    const secondWorkspace = await startedWorkspace(db, coursework, second, { response: 'A different one.' });
    await submitWorkspace(db.fork(), first, firstWorkspace);
    await returnWorkspace(db.fork(), coursework.instructorId, firstWorkspace, { grade: 8, feedback: 'Well argued.' });

    const archive = await exportActivityArchive(db.fork(), coursework.instructorId, coursework.activityId);
    expect(archive.title).toBe('Essay: week 1');
    const files = unzipSync(new Uint8Array(await new Response(archive.zip).arrayBuffer()));
    const names = Object.keys(files).sort();
    // Same name twice: told apart by the workspace's short id. The student who never started has no file.
    expect(names).toEqual(
      [`zoe-o-brien-${firstWorkspace.replaceAll('-', '').slice(0, 8)}.md`, `zoe-o-brien-${secondWorkspace.replaceAll('-', '').slice(0, 8)}.md`, 'submissions.csv'].sort(),
    );
    const firstMarkdown = strFromU8(files[`zoe-o-brien-${firstWorkspace.replaceAll('-', '').slice(0, 8)}.md`]!);
    expect(firstMarkdown).toContain('- **Student:** Zoë O’Brien');
    expect(firstMarkdown).toContain('- **Status:** Returned');
    expect(firstMarkdown).toContain('## Response\n\nMy first response.');
    expect(firstMarkdown).toContain('**Grade:** 8 / 10');
    expect(firstMarkdown).toContain('Well argued.');
    const secondMarkdown = strFromU8(files[`zoe-o-brien-${secondWorkspace.replaceAll('-', '').slice(0, 8)}.md`]!);
    expect(secondMarkdown).toContain('A different one.');
    expect(secondMarkdown).toContain('Not submitted');

    const csv = strFromU8(files['submissions.csv']!);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"Student","Email","Status","Submitted at","Late","Due","Highlights","Comments","Response words","Last edited","Characters by the student","Characters by others","Grade"');
    expect(lines).toHaveLength(4);
    expect(lines.filter((line) => line.startsWith('"Zoë O’Brien"'))).toHaveLength(2);
    expect(lines.find((line) => line.includes('"returned"'))).toMatch(/,false,,0,0,3,.*,"8"$/);
    expect(lines.find((line) => line.startsWith('"Not Started"'))).toContain('"not_started"');
  });

  test('instructors only: a student is refused, an outsider finds nothing', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 1 });
    await expect(exportActivityArchive(db.fork(), coursework.studentIds[0]!, coursework.activityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportSubmissionsCsv(db.fork(), coursework.studentIds[0]!, coursework.activityId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(exportActivityArchive(db.fork(), coursework.outsiderId, coursework.activityId)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('names, grades and emails that a spreadsheet would run as formulas are defused in the CSV', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 2, names: ['=HYPERLINK("http://evil.example","x")', '@SUM(A1)'] });
    const workspace = await startedWorkspace(db, coursework, coursework.studentIds[0]!);
    await returnWorkspace(db.fork(), coursework.instructorId, workspace, { grade: '-1+1' });
    const { csv } = await exportSubmissionsCsv(db.fork(), coursework.instructorId, coursework.activityId);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv).toContain(`"'@SUM(A1)"`);
    expect(csv).toContain(`"'-1+1"`);
    expect(csv).not.toMatch(/(^|,)"?[=@+-]/m);
  });
});

describe('the workspace exports', () => {
  test('the Markdown export of a workspace has its header and response; the PDF is a PDF; both for those who may read it only', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 2, activity: { anonymousPeers: true } });
    const [studentId, peerId] = coursework.studentIds as [string, string];
    const workspace = await startedWorkspace(db, coursework, studentId, { response: 'What I think.' });
    await returnWorkspace(db.fork(), coursework.instructorId, workspace, { grade: 'A', feedback: 'Private feedback.' });
    const markdown = await exportConversationMarkdown(db.fork(), studentId, workspace);
    expect(markdown.markdown).toContain('## Response\n\nWhat I think.');
    expect(markdown.markdown).toContain('Private feedback.');
    const pdf = await exportWorkspacePdf(db.fork(), coursework.instructorId, workspace);
    expect(pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.studentName).toBe('Student 01');
    await expect(exportWorkspacePdf(db.fork(), peerId, workspace)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportConversationMarkdown(db.fork(), peerId, workspace)).rejects.toBeInstanceOf(NotFoundError);
    // Shared: the peer reads it as "Peer 1", without the grade or the feedback.
    await db.sql('update conversations set shared_with_class = true where id = ?', [workspace]);
    const peerMarkdown = await exportConversationMarkdown(db.fork(), peerId, workspace);
    expect(peerMarkdown.markdown).toContain('- **Student:** Peer 1');
    expect(peerMarkdown.markdown).not.toContain('Private feedback.');
    expect(peerMarkdown.markdown).not.toContain('Student 01');
    expect((await exportWorkspacePdf(db.fork(), peerId, workspace)).studentName).toBe('Peer 1');
  });

  test('an anonymous activity’s peer reads the student’s highlights and comments as Peer N’s; its instructors read the name', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 2, activity: { anonymousPeers: true } });
    const [studentId, peerId] = coursework.studentIds as [string, string];
    const workspace = await startedWorkspace(db, coursework, studentId);
    await writeDocument(db, workspace, (doc) => {
      Y.applyUpdate(doc, transcriptDocumentFromHtml([{ role: 'assistant', html: '<p><mark data-highlight-id="h1">The sky is green</mark>.</p>' }]).state);
      const comments = new Y.Array<Y.Map<string>>();
      comments.push([new Y.Map<string>(Object.entries({ authorId: studentId, authorName: 'Student 01', createdAt: '2026-03-01T10:00:00Z', text: 'My own note.' }))]);
      const entry = new Y.Map<unknown>(Object.entries({ tagId: 'missing', authorId: studentId, authorName: 'Student 01', createdAt: '2026-03-01T10:00:00Z' }));
      entry.set('comments', comments);
      doc.getMap(documentLayout.annotations).set('h1', entry);
    });
    await db.sql('update conversations set shared_with_class = true where id = ?', [workspace]);
    const { markdown } = await exportConversationMarkdown(db.fork(), peerId, workspace);
    expect(markdown).toContain('Peer 1');
    expect(markdown).toContain('My own note.');
    expect(markdown).not.toContain('Student 01');
    expect((await exportConversationMarkdown(db.fork(), coursework.instructorId, workspace)).markdown).toContain('by Student 01');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array((await exportWorkspacePdf(db.fork(), peerId, workspace)).pdf)), { mergePages: true });
    expect(text).toContain('Peer 1');
    expect(text).toContain('My own note.');
    expect(text).not.toContain('Student 01');
  });

  test('the Markdown export of a workspace checks its reader once', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 1 });
    const workspace = await startedWorkspace(db, coursework, coursework.studentIds[0]!);
    const { queries } = await db.recordQueries(() => exportConversationMarkdown(db.fork(), coursework.instructorId, workspace));
    expect(queries.filter((sql) => sql.includes('as activity_hidden'))).toHaveLength(1);
  });
});

describe('the activity exports check the instructor once', () => {
  test('the CSV and the ZIP read the activity for the check only once', async ({ db }) => {
    const coursework = await createCourseworkClass(db, { students: 2 });
    await startedWorkspace(db, coursework, coursework.studentIds[0]!);
    const activityReads = (queries: string[]) => queries.filter((sql) => /from "?activities"? /.test(sql) && !sql.includes('join submissions')).length;
    const csv = await db.recordQueries(() => exportSubmissionsCsv(db.fork(), coursework.instructorId, coursework.activityId));
    expect(activityReads(csv.queries)).toBe(1);
    const zip = await db.recordQueries(() => exportActivityArchive(db.fork(), coursework.instructorId, coursework.activityId));
    expect(activityReads(zip.queries)).toBe(1);
  });
});

describe('uniqueFileName and csvCell', () => {
  it('makes safe, unique names', () => {
    const taken = new Set<string>();
    const id = '3f2a9c1e-0000-4000-8000-000000000000';
    expect(uniqueFileName('../../etc/passwd', id, taken)).toBe('etc-passwd-3f2a9c1e.md');
    expect(uniqueFileName('../../etc/passwd', id, taken)).toBe('etc-passwd-3f2a9c1e0000.md');
    expect(uniqueFileName('李雷', id, taken)).toBe('student-3f2a9c1e.md');
  });

  it('quotes text, doubles quotes, leaves numbers, and prefixes formula starts', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
    expect(submissionsCsv([] as OverviewRow[]).startsWith('\uFEFF"Student"')).toBe(true);
  });
});
