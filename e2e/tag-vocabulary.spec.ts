import { expect, test } from '@playwright/test';
import { expectNoSeriousAxeViolations } from './support/accessibility';
import { openConversation, person } from './support/workspace-people';

/**
 * A class's tag vocabulary: the API's rules for who may change it, the editor in the class
 * settings on a phone-sized screen, by keyboard, and what a new class conversation starts
 * with once it is locked (the student's tag form is gone; the instructor's stays).
 */
const phone = { width: 390, height: 844 };

test.describe('tag vocabulary', () => {
  test('instructors edit it over the API; students read it (403 to change it); others get 404', async ({ browser, baseURL }) => {
    const instructor = await person(browser, baseURL ?? '', 'vocab-instructor', 'Ines Instructor');
    const student = await person(browser, baseURL ?? '', 'vocab-student', 'Stu Student');
    const outsider = await person(browser, baseURL ?? '', 'vocab-outsider', 'Otto Outsider');
    const { id: classId, inviteCode } = (await (await instructor.context.request.post('/api/classes', { data: { name: 'Rhetoric' } })).json()) as { id: string; inviteCode: string };
    expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);

    const created = await instructor.context.request.post(`/api/classes/${classId}/tags`, { data: { name: ' Claim ', color: '#BBF7D0', group: 'Argument' } });
    expect(created.status()).toBe(201);
    const claim = (await created.json()) as { id: string; name: string; color: string };
    expect(claim).toMatchObject({ name: 'Claim', color: '#bbf7d0' });
    const duplicate = await instructor.context.request.post(`/api/classes/${classId}/tags`, { data: { name: 'claim', color: '#fecaca' } });
    expect(duplicate.status()).toBe(409);
    expect(((await duplicate.json()) as { error: { message: string } }).error.message).toBe('A tag named “claim” already exists in this vocabulary.');
    const badColour = await instructor.context.request.post(`/api/classes/${classId}/tags`, { data: { name: 'Bias', color: 'red' } });
    expect(badColour.status()).toBe(400);
    expect(((await badColour.json()) as { error: { field?: string } }).error).toMatchObject({ code: 'invalid' });

    expect((await student.context.request.post(`/api/classes/${classId}/tags`, { data: { name: 'Mine', color: '#bbf7d0' } })).status()).toBe(403);
    expect((await student.context.request.patch(`/api/classes/${classId}/tags/${claim.id}`, { data: { name: 'Mine' } })).status()).toBe(403);
    expect((await student.context.request.delete(`/api/classes/${classId}/tags/${claim.id}`)).status()).toBe(403);
    expect((await student.context.request.patch(`/api/classes/${classId}`, { data: { tagsLocked: true } })).status()).toBe(403);
    const read = await student.context.request.get(`/api/classes/${classId}/tags`);
    expect(read.status()).toBe(200);
    expect(await read.json()).toMatchObject({ locked: false, tags: [{ name: 'Claim', group: 'Argument' }] });
    expect((await outsider.context.request.get(`/api/classes/${classId}/tags`)).status()).toBe(404);
    expect((await outsider.context.request.post(`/api/classes/${classId}/tags`, { data: { name: 'Mine', color: '#bbf7d0' } })).status()).toBe(404);

    expect((await instructor.context.request.patch(`/api/classes/${classId}/tags/${claim.id}`, { data: { name: 'Main claim' } })).status()).toBe(200);
    expect((await instructor.context.request.delete(`/api/classes/${classId}/tags/${claim.id}`)).status()).toBe(204);
    expect((await instructor.context.request.patch(`/api/classes/${classId}`, { data: { tagsLocked: true } })).status()).toBe(200);
    expect(await (await student.context.request.get(`/api/classes/${classId}/tags`)).json()).toEqual({ locked: true, tags: [] });
  });

  test('on a phone, by keyboard: add, move and lock; a new conversation starts with the tags, and a student has no tag form', async ({ browser, baseURL }) => {
    const instructor = await person(browser, baseURL ?? '', 'vocab-phone-instructor', 'Ines Instructor', phone);
    const student = await person(browser, baseURL ?? '', 'vocab-phone-student', 'Stu Student');
    const { id: classId, inviteCode } = (await (await instructor.context.request.post('/api/classes', { data: { name: 'Rhetoric' } })).json()) as { id: string; inviteCode: string };
    expect((await student.context.request.post('/api/join', { data: { code: inviteCode } })).status()).toBe(200);

    const page = instructor.page;
    await page.goto(`/classes/${classId}#settings`);
    const settings = page.locator('#settings');
    for (const [name, group] of [
      ['Claim', 'Argument'],
      ['Evidence', 'Argument'],
    ]) {
      await settings.getByLabel('Name', { exact: true }).last().fill(name!);
      await settings.getByLabel('Group (optional)').last().fill(group!);
      await settings.getByLabel('Group (optional)').last().press('Enter');
      await expect(settings.getByRole('status').filter({ hasText: `Added “${name}”.` })).toBeVisible();
    }
    // A name the vocabulary has, in another case: said beside the form.
    await settings.getByLabel('Name', { exact: true }).last().fill('claim');
    await settings.getByRole('button', { name: 'Add tag' }).press('Enter');
    await expect(settings.getByRole('alert')).toHaveText('A tag named “claim” already exists in this vocabulary.');

    await expect(settings.getByRole('heading', { name: 'Argument' })).toBeVisible();
    await expect(settings.locator('.tag-chip')).toHaveText(['Claim', 'Evidence']);
    await settings.getByRole('button', { name: 'Move “Evidence” up' }).focus();
    await page.keyboard.press('Enter');
    await expect(settings.locator('.tag-chip')).toHaveText(['Evidence', 'Claim']);

    const lock = settings.getByLabel('Students may add their own tags');
    await expect(lock).toBeChecked();
    await lock.focus();
    await page.keyboard.press('Space');
    await expect(settings.getByRole('status').filter({ hasText: 'Locked' })).toBeVisible();
    await page.reload();
    await expect(page.locator('#settings').getByLabel('Students may add their own tags')).not.toBeChecked();
    // Nothing sticks out sideways on a 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await expectNoSeriousAxeViolations(page);

    const started = await student.context.request.post(`/api/classes/${classId}/conversations`, { data: { title: 'Speech', text: 'User: Write a speech.\nAssistant: Friends, Romans, countrymen.' } });
    expect(started.status()).toBe(201);
    const { id: conversationId } = (await started.json()) as { id: string };
    await openConversation(student, conversationId);
    await expect(student.page.getByLabel('Tag', { exact: true }).locator('option')).toHaveCount(2);
    expect((await student.page.getByLabel('Tag', { exact: true }).locator('option').allTextContents()).sort()).toEqual(['Claim', 'Evidence']);
    await expect(student.page.getByRole('button', { name: 'New tag' })).toHaveCount(0);
    await openConversation(instructor, conversationId);
    await expect(instructor.page.getByRole('button', { name: 'New tag' })).toBeVisible();
  });
});
