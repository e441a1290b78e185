import type { FastifyRequest } from 'fastify';
import { EventMetadata, parseExpectedVersion, ExpectedVersion } from '@annals/event-store';
import { ApiProblem } from './api-problem.exception';

const HEADER_ID = /^[A-Za-z0-9._:@/+=-]{1,200}$/;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function headerId(request: FastifyRequest, name: string): string | undefined {
  const value = header(request, name);
  if (value === undefined) return undefined;
  if (!HEADER_ID.test(value)) {
    throw new ApiProblem(
      400,
      'header.invalid',
      `${name} must be 1 to 200 characters of letters, digits and ._:@/+=-`,
      {
        errors: [{ field: name, code: 'header.invalid', message: 'bad format', actual: value.slice(0, 100) }],
      },
    );
  }
  return value;
}

/** Who and what caused an event, as recorded in its metadata. */
export function requestMetadata(request: FastifyRequest): EventMetadata {
  const correlationId = headerId(request, 'x-correlation-id') ?? request.id;
  const causationId = headerId(request, 'x-causation-id');
  const actor = (request as { actor?: EventMetadata['actor'] }).actor ?? { id: 'anonymous' };
  return { actor, transport: 'rest', correlationId, ...(causationId && { causationId }) };
}

export const idempotencyKey = (request: FastifyRequest): string | undefined =>
  headerId(request, 'idempotency-key');

/** If-Match carries the expected version: a number, or no_stream / stream_exists / any. */
export function expectedVersionFrom(request: FastifyRequest): ExpectedVersion | undefined {
  const raw = header(request, 'if-match');
  if (raw === undefined) return undefined;
  const expected = parseExpectedVersion(raw);
  if (expected === undefined) {
    throw new ApiProblem(
      400,
      'header.invalid',
      'If-Match is the expected stream version: a number, "no_stream", "stream_exists" or "any"',
      {
        errors: [
          { field: 'If-Match', code: 'header.invalid', message: 'not a version', actual: raw.slice(0, 100) },
        ],
      },
    );
  }
  return expected;
}
