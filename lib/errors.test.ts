import { describe, expect, test } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  RateLimitedError,
  toHttpError,
  UnauthenticatedError,
  type DomainError,
} from './errors';

describe('toHttpError', () => {
  const cases: [DomainError, number, string][] = [
    [new InvalidError('title', 'title must not be empty'), 400, 'invalid'],
    [new UnauthenticatedError(), 401, 'unauthenticated'],
    [new ForbiddenError(), 403, 'forbidden'],
    [new NotFoundError('class'), 404, 'not_found'],
    [new ConflictError('That user is already a member of this class.'), 409, 'conflict'],
    [new RateLimitedError(30), 429, 'rate_limited'],
  ];

  test.each(cases)('maps %o to its status and code', (error, status, code) => {
    const answer = toHttpError(error);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.message).toBe(error.message);
    expect(answer.body.error.message.length).toBeGreaterThan(0);
  });

  test('names the field of invalid input', () => {
    expect(toHttpError(new InvalidError('title', 'title must not be empty')).body).toEqual({
      error: { code: 'invalid', message: 'title must not be empty', field: 'title' },
    });
  });

  test('says when to retry after a rate limit, in whole seconds of at least one', () => {
    expect(toHttpError(new RateLimitedError(30)).headers).toEqual({ 'Retry-After': '30' });
    expect(toHttpError(new RateLimitedError(0.2)).headers).toEqual({ 'Retry-After': '1' });
    expect(toHttpError(new NotFoundError('class')).headers).toEqual({});
  });

  test('words a missing thing as a person would read it', () => {
    expect(new NotFoundError('conversation').message).toBe('No such conversation.');
  });
});
