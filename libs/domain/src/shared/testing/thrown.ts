import { DomainError } from '../domain-error';

/** The DomainError a decision throws, to check what a refusal carries (its kind, its details). */
export function errorThrownBy(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, nothing was thrown');
}

/** Expects `run` to refuse with `code` and at least `details`; returns the error for further checks. */
export function expectRefusal(
  run: () => unknown,
  code: string,
  details: Record<string, unknown> = {},
): DomainError {
  const error = errorThrownBy(run);
  expect(error.code).toBe(code);
  expect(error.details).toMatchObject(details);
  return error;
}
