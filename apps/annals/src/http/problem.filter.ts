import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '@annals/domain';
import { CommandFailedError, InvalidCommandError } from '@annals/commands';
import {
  EventStoreError,
  IdempotencyKeyReusedError,
  InvalidAppendError,
  PartialDuplicateError,
  PositionTimeoutError,
  WrongExpectedVersionError,
} from '@annals/event-store';
import { Problem, problem, PROBLEM_CONTENT_TYPE, UnsupportedSchemaVersionError } from '@annals/contracts';
import { ValidationFailed } from './validation-failed.exception';
import { ApiProblem } from './api-problem.exception';

const DOMAIN_STATUS = { rule: 422, not_found: 404, invalid: 400 } as const;

/**
 * Fastify refuses some requests before a route runs (body too large, wrong media type, broken JSON);
 * Nest hands them on as plain HttpExceptions with Fastify's message, so they are told apart by status.
 */
function edgeCode(status: number, message: string): [string, string] {
  switch (status) {
    case 400:
      return /JSON/i.test(message)
        ? ['request.invalid_json', `The body is not valid JSON: ${message}`]
        : ['request.bad', message];
    case 404:
      return ['route.not_found', 'No such route'];
    case 405:
      return ['route.method_not_allowed', message];
    case 413:
      return ['request.too_large', 'The request body is larger than the server accepts'];
    case 415:
      return ['request.unsupported_media_type', 'Send the body as application/json'];
    default:
      return [`http.${status}`, message];
  }
}

/** Maps every error, from any layer, to RFC 9457 problem details with a stable code. Never leaks a stack. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body: Problem = { ...this.toProblem(error), instance: request.url };
    if (body.status >= 500)
      this.logger.error(`${request.method} ${request.url}: ${(error as Error)?.stack ?? String(error)}`);
    if (body.status === 409 && typeof body.actualVersion === 'number')
      reply.header('ETag', `"${body.actualVersion}"`);
    void reply.status(body.status).header('Content-Type', PROBLEM_CONTENT_TYPE).send(body);
  }

  toProblem(error: unknown): Problem {
    if (error instanceof CommandFailedError)
      return { ...this.toProblem(error.cause), commandIndex: error.index };
    if (error instanceof InvalidCommandError)
      return problem(400, 'request.invalid', error.message, { errors: error.errors });
    if (error instanceof ApiProblem) return error.problem;
    if (error instanceof UnsupportedSchemaVersionError) {
      // A stored event newer than this server reads: the server, not the caller, must change.
      return problem(500, error.code, error.message);
    }
    if (error instanceof ValidationFailed) {
      return problem(400, error.code, error.message, { errors: error.errors });
    }
    if (isDomainError(error)) {
      return problem(DOMAIN_STATUS[error.kind], error.code, error.message, { ...error.details });
    }
    if (error instanceof WrongExpectedVersionError) {
      return problem(409, error.code, error.message, {
        streamId: error.streamId,
        expectedVersion: error.expected,
        actualVersion: error.actual,
      });
    }
    if (error instanceof InvalidAppendError) {
      return problem(error.code === 'append.too_large' ? 413 : 400, error.code, error.message, {
        errors: error.problems,
      });
    }
    if (error instanceof PartialDuplicateError) {
      return problem(409, error.code, error.message, { storedEventIds: error.storedEventIds });
    }
    if (error instanceof PositionTimeoutError) {
      return problem(503, error.code, error.message, { reached: error.reached });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return problem(422, error.code, error.message, { idempotencyKey: error.idempotencyKey });
    }
    if (error instanceof EventStoreError) return problem(400, error.code, error.message);
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const [code, detail] = edgeCode(status, error.message);
      const checks = status === 503 ? { checks: error.getResponse() } : {};
      return problem(status, code, detail, checks);
    }
    const status = (error as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return problem(status, `http.${status}`, (error as Error).message);
    }
    return problem(500, 'internal', 'An unexpected error occurred; it has been logged');
  }
}
