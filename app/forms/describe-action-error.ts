import { DomainError, InvalidError, RateLimitedError } from '@/lib/errors';
import { logger } from '@/lib/log';
import type { FormError } from './form-state';

/**
 * A failure as a person reads it beside a form. Domain errors carry their own message
 * (sentence-cased here: services word them after the field, "name must not be empty");
 * anything else is a bug or an outage, logged, and told apart from the person's mistakes.
 */
export function describeActionError(error: unknown): FormError {
  if (error instanceof RateLimitedError) {
    return { status: 'error', message: `Too many attempts. Try again in ${describeWait(error.retryAfterSeconds)}.` };
  }
  if (error instanceof InvalidError) return { status: 'error', message: asSentence(error.message), field: error.field };
  if (error instanceof DomainError) return { status: 'error', message: asSentence(error.message) };
  logger.error({ err: error }, 'form action failed');
  return { status: 'error', message: 'Something went wrong on our side. Try again in a moment.' };
}

/** `90` → "2 minutes": rounded up, since trying early only fails again. */
function describeWait(seconds: number): string {
  if (seconds <= 60) return seconds <= 1 ? '1 second' : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function asSentence(message: string): string {
  const capitalised = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
