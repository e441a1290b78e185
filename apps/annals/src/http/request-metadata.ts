import type { FastifyRequest } from 'fastify';
import { EventMetadata, parseExpectedVersion, ExpectedVersion } from '@annals/event-store';
import { ApiProblem } from './api-problem.exception';

const HEADER_ID = /^[A-Za-z0-9._:@/+=-]{1,200}$/;

/**
 * One header by its lower-case name: HTTP headers and gRPC metadata alike, so that both transports
 * validate them by the same rules.
 */
export type HeaderLookup = (name: string) => string | undefined;

const httpHeaders =
  (request: FastifyRequest): HeaderLookup =>
  (name) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };

function headerId(header: HeaderLookup, name: string): string | undefined {
  const value = header(name);
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
  const actor = (request as { actor?: EventMetadata['actor'] }).actor ?? { id: 'anonymous' };
  return eventMetadataFrom(httpHeaders(request), { transport: 'rest', requestId: request.id, actor });
}

/** x-correlation-id (default: the request's own id) and x-causation-id, validated, for any transport. */
export function eventMetadataFrom(
  header: HeaderLookup,
  call: { transport: string; requestId: string; actor: NonNullable<EventMetadata['actor']> },
): EventMetadata {
  const correlationId = headerId(header, 'x-correlation-id') ?? call.requestId;
  const causationId = headerId(header, 'x-causation-id');
  return { actor: call.actor, transport: call.transport, correlationId, ...(causationId && { causationId }) };
}

export const idempotencyKey = (request: FastifyRequest): string | undefined =>
  idempotencyKeyFrom(httpHeaders(request));

export const idempotencyKeyFrom = (header: HeaderLookup): string | undefined =>
  headerId(header, 'idempotency-key');

/** If-Match carries the expected version: a number, or no_stream / stream_exists / any. */
export const expectedVersionFrom = (request: FastifyRequest): ExpectedVersion | undefined =>
  expectedVersionOf(httpHeaders(request));

export function expectedVersionOf(header: HeaderLookup): ExpectedVersion | undefined {
  const raw = header('if-match');
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
