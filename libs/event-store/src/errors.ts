import { ExpectedVersion } from './expected-version';

/** Base of every refusal by the store; `code` is stable and documented. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'stream.wrong_expected_version';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, the append expected ${describe(expected)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

const describe = (expected: ExpectedVersion): string =>
  typeof expected === 'number' ? `version ${expected}` : expected.replace('_', ' ');

/** Some of a batch's event ids are stored and some are not: not a retry of one append, so refused whole. */
export class PartialDuplicateError extends EventStoreError {
  readonly code = 'append.partial_duplicate';
  constructor(readonly storedEventIds: readonly string[]) {
    super(
      `${storedEventIds.length} of the events are already stored, the others are not: a batch is stored whole or not at all`,
    );
    this.name = 'PartialDuplicateError';
  }
}

export interface InvalidAppendProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string | number;
}

/** An append that breaks a limit or a format; lists every problem found. */
export class InvalidAppendError extends EventStoreError {
  readonly code: string;
  constructor(readonly problems: readonly InvalidAppendProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InvalidAppendError';
    this.code = problems.some((p) => p.code === 'append.too_large') ? 'append.too_large' : 'append.invalid';
  }
}

/** The ledger did not reach a position within the allowed time (the sequencer is down or held back). */
export class PositionTimeoutError extends EventStoreError {
  readonly code = 'ledger.position_timeout';
  constructor(
    readonly waitedMs: number,
    readonly reached: number,
  ) {
    super(`The ledger did not number the events within ${waitedMs} ms (it has reached position ${reached})`);
    this.name = 'PositionTimeoutError';
  }
}
