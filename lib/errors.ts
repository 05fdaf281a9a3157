/**
 * The domain errors: the only failures services report on purpose. Anything else that is
 * thrown is a bug or an outage, and the edge answers it with a 500 without details.
 */
export type DomainErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
}

/** Input that breaks a rule; `field` names the offending field (`body` when none). */
export class InvalidError extends DomainError {
  readonly code = 'invalid';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

/** Signed in, but not allowed. Where even existence must stay hidden, use `NotFoundError`. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(message = 'You are not allowed to do that.') {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  /** `thing`: what was looked for, as a person would say it ("class", "conversation"). */
  constructor(thing: string) {
    super(`No such ${thing}.`);
  }
}

/** The request is well-formed but clashes with the current state (a duplicate, say). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts: try again in ${retryAfterSeconds} s.`);
  }
}

const httpStatusByCode = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
} as const satisfies Record<DomainErrorCode, number>;

export interface HttpError {
  status: number;
  headers: Record<string, string>;
  /** The contract's error body: `{ error: { code, message } }`, plus `field` for invalid input. */
  body: { error: { code: DomainErrorCode; message: string; field?: string } };
}

/** The one place a domain error becomes an HTTP answer. */
export function toHttpError(error: DomainError): HttpError {
  const body: HttpError['body'] = { error: { code: error.code, message: error.message } };
  if (error instanceof InvalidError) body.error.field = error.field;
  const headers: Record<string, string> =
    error instanceof RateLimitedError ? { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : {};
  return { status: httpStatusByCode[error.code], headers, body };
}
