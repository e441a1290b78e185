/**
 * A broken business rule. `code` is stable and documented (`task.invalid_transition`);
 * `details` carries the facts a caller needs to understand the refusal (from/to status, a cycle's path).
 * `kind` tells transports how to answer: a missing entity is not the same failure as a broken rule.
 */
export type DomainErrorKind = 'rule' | 'not_found' | 'invalid';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly kind: DomainErrorKind = 'rule',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const ruleBroken = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details, 'rule');

export const notFound = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details, 'not_found');

export const invalid = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new DomainError(code, message, details, 'invalid');

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
