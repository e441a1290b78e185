import { Logger } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { invalid, notFound, ruleBroken } from '@annals/domain';
import { CommandFailedError } from '@annals/commands';
import { PositionTimeoutError, WrongExpectedVersionError } from '@annals/event-store';
import { InvalidCursorError, ProjectionBehindError } from '@annals/projections';
import { AccessDenied } from '../auth/access';
import { RateLimited } from '../auth/rate-limiter';
import { ApiProblem } from '../http/api-problem.exception';
import { ValidationFailed } from '../http/validation-failed.exception';
import { asciiJson, grpcErrorOf, PROBLEM_CODE_KEY, PROBLEM_ERRORS_KEY, PROBLEM_KEY } from './grpc-problem';

const trailer = (error: unknown, key: string) =>
  grpcErrorOf(error).metadata.get(key)[0] as string | undefined;

describe('grpcErrorOf: one mapping from every error to a gRPC status and trailing metadata', () => {
  it('a validation failure is INVALID_ARGUMENT with every field problem as JSON', () => {
    const error = new ValidationFailed([
      { field: 'data.name', code: 'field.required', message: 'data.name is required' },
      { field: 'data.priority', code: 'field.not_allowed', message: 'one of', actual: 'huge' },
    ]);
    const mapped = grpcErrorOf(error);
    expect(mapped.code).toBe(status.INVALID_ARGUMENT);
    expect(trailer(error, PROBLEM_CODE_KEY)).toBe('request.invalid');
    expect(JSON.parse(trailer(error, PROBLEM_ERRORS_KEY)!)).toEqual(error.errors);
    expect(mapped.details).toBe(error.message);
  });

  it('a missing entity is NOT_FOUND with its code', () => {
    const error = notFound('workflow.not_found', 'No workflow wf-1', { workflowId: 'wf-1' });
    expect(grpcErrorOf(error).code).toBe(status.NOT_FOUND);
    expect(trailer(error, PROBLEM_CODE_KEY)).toBe('workflow.not_found');
    expect(JSON.parse(trailer(error, PROBLEM_KEY)!)).toMatchObject({ status: 404, workflowId: 'wf-1' });
    expect(grpcErrorOf(new ApiProblem(404, 'task.not_found', 'No task t')).code).toBe(status.NOT_FOUND);
  });

  it('a version conflict is ABORTED with both versions', () => {
    const error = new WrongExpectedVersionError('task-t1', 1, 3);
    expect(grpcErrorOf(error).code).toBe(status.ABORTED);
    expect(trailer(error, PROBLEM_CODE_KEY)).toBe('stream.wrong_expected_version');
    expect(JSON.parse(trailer(error, PROBLEM_KEY)!)).toMatchObject({
      streamId: 'task-t1',
      expectedVersion: 1,
      actualVersion: 3,
    });
  });

  it('a broken rule is FAILED_PRECONDITION; an invalid domain value INVALID_ARGUMENT', () => {
    const rule = ruleBroken('task.invalid_transition', 'A completed task cannot start', {
      from: 'completed',
    });
    expect(grpcErrorOf(rule).code).toBe(status.FAILED_PRECONDITION);
    expect(trailer(rule, PROBLEM_CODE_KEY)).toBe('task.invalid_transition');
    expect(grpcErrorOf(invalid('task.bad', 'bad')).code).toBe(status.INVALID_ARGUMENT);
  });

  it('a batch failure keeps the failing command index', () => {
    const error = new CommandFailedError(2, ruleBroken('workflow.archived', 'Archived'));
    expect(grpcErrorOf(error).code).toBe(status.FAILED_PRECONDITION);
    expect(JSON.parse(trailer(error, PROBLEM_KEY)!)).toMatchObject({ commandIndex: 2 });
  });

  it('a projection behind minPosition is UNAVAILABLE with the position reached; a bad cursor INVALID_ARGUMENT', () => {
    const behind = new ProjectionBehindError(10, 7, 5000);
    expect(grpcErrorOf(behind).code).toBe(status.UNAVAILABLE);
    expect(trailer(behind, PROBLEM_CODE_KEY)).toBe('projection.behind');
    expect(JSON.parse(trailer(behind, PROBLEM_KEY)!)).toMatchObject({ minPosition: 10, position: 7 });
    const cursor = new InvalidCursorError('garbage');
    expect(grpcErrorOf(cursor).code).toBe(status.INVALID_ARGUMENT);
    expect(trailer(cursor, PROBLEM_CODE_KEY)).toBe('cursor.invalid');
    expect(grpcErrorOf(new PositionTimeoutError(10_000, 4)).code).toBe(status.UNAVAILABLE);
  });

  it('access refusals are UNAUTHENTICATED and PERMISSION_DENIED', () => {
    expect(grpcErrorOf(new AccessDenied('unauthenticated', 'no key')).code).toBe(status.UNAUTHENTICATED);
    expect(grpcErrorOf(new AccessDenied('forbidden', 'analyst')).code).toBe(status.PERMISSION_DENIED);
    expect(trailer(new AccessDenied('forbidden', 'analyst'), PROBLEM_CODE_KEY)).toBe('auth.forbidden');
  });

  it('a key over its rate limit is RESOURCE_EXHAUSTED, with the wait in the problem', () => {
    const refused = grpcErrorOf(new RateLimited(7));
    expect(refused.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(refused.problem).toMatchObject({ code: 'auth.rate_limited', retryAfterSeconds: 7 });
  });

  it('anything unexpected is INTERNAL without its message', () => {
    Logger.overrideLogger(false);
    const mapped = grpcErrorOf(new Error('password=secret in a stack'));
    expect(mapped.code).toBe(status.INTERNAL);
    expect(mapped.details).not.toContain('secret');
    expect(mapped.metadata.get(PROBLEM_CODE_KEY)).toEqual(['internal']);
  });

  it('keeps metadata printable ASCII and bounded, whatever the problem holds', () => {
    expect(JSON.parse(asciiJson({ name: 'é ✓\n' }))).toEqual({ name: 'é ✓\n' });
    expect(asciiJson('é')).toBe('"\\u00e9"');
    const many = Array.from({ length: 500 }, (_, i) => ({
      field: `commands[${i}].data.name`,
      code: 'field.required',
      message: `commands[${i}].data.name is required ✓`,
    }));
    const errors = trailer(new ValidationFailed(many), PROBLEM_ERRORS_KEY)!;
    expect(errors.length).toBeLessThanOrEqual(3000);
    expect(/^[\x20-\x7e]*$/.test(errors)).toBe(true);
    const kept = JSON.parse(errors);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept).toEqual(many.slice(0, kept.length));
  });
});
