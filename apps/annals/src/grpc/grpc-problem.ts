import { Logger } from '@nestjs/common';
import { Metadata, status } from '@grpc/grpc-js';
import { FieldProblem, Problem } from '@annals/contracts';
import { accessProblem } from '../auth/access-problem';
import { ProblemFilter } from '../http/problem.filter';
import { queryProblem } from '../queries/read-your-write';

/** Trailing metadata keys of a refused call: the stable code, the field problems, the whole problem. */
export const PROBLEM_CODE_KEY = 'annals-problem-code';
export const PROBLEM_ERRORS_KEY = 'annals-problem-errors';
export const PROBLEM_KEY = 'annals-problem';

/**
 * The HTTP status REST answers, as a gRPC status: one table, so both transports refuse the same
 * request the same way (409 is a version conflict, 422 a broken rule, 503 a projection behind).
 */
const STATUS_OF_HTTP: Readonly<Record<number, status>> = {
  400: status.INVALID_ARGUMENT,
  401: status.UNAUTHENTICATED,
  403: status.PERMISSION_DENIED,
  404: status.NOT_FOUND,
  409: status.ABORTED,
  413: status.INVALID_ARGUMENT,
  415: status.INVALID_ARGUMENT,
  422: status.FAILED_PRECONDITION,
  429: status.RESOURCE_EXHAUSTED,
  500: status.INTERNAL,
  503: status.UNAVAILABLE,
};

/** grpc-js refuses received metadata past 8 KiB by default: each value stays well below. */
const MAX_VALUE_CHARS = 3000;

export interface GrpcError {
  readonly code: status;
  readonly details: string;
  readonly metadata: Metadata;
  readonly problem: Problem;
}

const problems = new ProblemFilter();
const logger = new Logger('GrpcServer');

/** Every error any handler throws, as the status, message and trailing metadata a gRPC caller gets. */
export function grpcErrorOf(error: unknown): GrpcError {
  const answer = problemOf(error);
  // A projection behind or a slow ledger (503) is an answer, not a fault of the server.
  if (answer.status === 500) logger.error((error as Error)?.stack ?? String(error));
  const code = STATUS_OF_HTTP[answer.status] ?? (answer.status >= 500 ? status.INTERNAL : status.UNKNOWN);
  const metadata = new Metadata();
  metadata.set(PROBLEM_CODE_KEY, answer.code);
  const { errors, type: _type, title: _title, ...rest } = answer;
  if (errors && errors.length > 0) metadata.set(PROBLEM_ERRORS_KEY, boundedErrors(errors));
  metadata.set(PROBLEM_KEY, bounded(rest));
  return { code, details: answer.detail ?? answer.title, metadata, problem: answer };
}

function problemOf(error: unknown): Problem {
  return accessProblem(error, true) ?? problems.toProblem(queryProblem(error));
}

/**
 * Metadata values that are not `-bin` must be printable ASCII: JSON with every other character
 * escaped as \uXXXX is still the same JSON.
 */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** As many field problems as fit, in order: the first ones are the ones to fix first. */
function boundedErrors(errors: readonly FieldProblem[]): string {
  for (let count = errors.length; count > 0; count--) {
    const text = asciiJson(errors.slice(0, count));
    if (text.length <= MAX_VALUE_CHARS) return text;
  }
  return '[]';
}

function bounded(rest: Record<string, unknown>): string {
  const text = asciiJson(rest);
  if (text.length <= MAX_VALUE_CHARS) return text;
  const { status: httpStatus, code } = rest;
  return asciiJson({ status: httpStatus, code, detail: String(rest.detail ?? '').slice(0, 1000) });
}
