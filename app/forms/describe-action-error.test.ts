import { describe, expect, it, vi } from 'vitest';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, RateLimitedError } from '@/lib/errors';
import { logger } from '@/lib/log';
import { describeActionError } from './describe-action-error';

describe('describeActionError', () => {
  it('turns a field error into a sentence that names the field', () => {
    expect(describeActionError(new InvalidError('name', 'name must not be empty'))).toEqual({
      status: 'error',
      message: 'Name must not be empty.',
      field: 'name',
    });
  });

  it('keeps the service’s own wording for the other domain errors', () => {
    expect(describeActionError(new ConflictError('A class needs at least one instructor: make someone else an instructor first.')).message).toBe(
      'A class needs at least one instructor: make someone else an instructor first.',
    );
    expect(describeActionError(new ForbiddenError()).message).toBe('You are not allowed to do that.');
    expect(describeActionError(new NotFoundError('class')).message).toBe('No such class.');
  });

  it('says when to try again after too many attempts, rounded up', () => {
    expect(describeActionError(new RateLimitedError(900)).message).toBe('Too many attempts. Try again in 15 minutes.');
    expect(describeActionError(new RateLimitedError(61)).message).toBe('Too many attempts. Try again in 2 minutes.');
    expect(describeActionError(new RateLimitedError(45)).message).toBe('Too many attempts. Try again in 45 seconds.');
    expect(describeActionError(new RateLimitedError(1)).message).toBe('Too many attempts. Try again in 1 second.');
  });

  it('logs an unexpected failure and tells the person nothing of it', () => {
    const logError = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const failure = new Error('connection refused to 10.0.0.5:5432');
    const state = describeActionError(failure);
    expect(state.message).toBe('Something went wrong on our side. Try again in a moment.');
    expect(state.field).toBeUndefined();
    expect(logError).toHaveBeenCalledWith({ err: failure }, 'form action failed');
    logError.mockRestore();
  });
});
