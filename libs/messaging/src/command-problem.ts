import { isDomainError } from '@annals/domain';
import { InvalidCommandError } from '@annals/commands';
import { FieldProblem } from '@annals/contracts';
import {
  EventStoreError,
  IdempotencyKeyReusedError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '@annals/event-store';

/** Why a command message was dead-lettered: the same codes and field errors REST answers with. */
export interface CommandProblem {
  readonly code: string;
  readonly message: string;
  readonly fields?: readonly FieldProblem[];
  readonly details?: Record<string, unknown>;
}

/** pg and Node network errors that mean "the database is unreachable", not "this command is wrong". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|Client has encountered a connection error/i;

/** True when the command should be tried again later rather than dead-lettered. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE.has(code)))
    return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message);
}

/** Describes a refused command. Errors nobody foresaw are dead-lettered too: one bad message must not block its partition. */
export function problemOf(error: unknown): CommandProblem {
  if (error instanceof InvalidCommandError) {
    const unknownType = error.errors.find((e) => e.code === 'command.unknown_type');
    return {
      code: unknownType ? unknownType.code : error.code,
      message: unknownType ? `unknown command type ${String(unknownType.actual)}` : error.message,
      fields: error.errors,
    };
  }
  if (isDomainError(error)) {
    return { code: error.code, message: error.message, details: { kind: error.kind, ...error.details } };
  }
  if (error instanceof WrongExpectedVersionError) {
    return {
      code: error.code,
      message: error.message,
      details: { streamId: error.streamId, expectedVersion: error.expected, actualVersion: error.actual },
    };
  }
  if (error instanceof InvalidAppendError) {
    return { code: error.code, message: error.message, fields: error.problems };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return { code: error.code, message: error.message, details: { idempotencyKey: error.idempotencyKey } };
  }
  if (error instanceof EventStoreError) return { code: error.code, message: error.message };
  return { code: 'internal', message: (error as Error)?.message ?? String(error) };
}
