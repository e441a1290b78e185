import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsistencyQuery } from '@annals/contracts/queries/list-queries.dto';
import { ConsistencyRequest, InvalidCursorError, ProjectionBehindError, Served } from '@annals/projections';
import { ApiProblem } from '../http/api-problem.exception';

export const MIN_POSITION_HEADER = 'x-annals-min-position';
export const POSITION_HEADER = 'X-Annals-Position';

/** minPosition from the query, else from the X-Annals-Min-Position header. */
export function consistencyOf(query: ConsistencyQuery, request: FastifyRequest): ConsistencyRequest {
  const header = request.headers[MIN_POSITION_HEADER];
  if (query.minPosition !== undefined || header === undefined) return query;
  const text = Array.isArray(header) ? header[0] : header;
  if (!/^\d{1,15}$/.test(text)) {
    throw new ApiProblem(400, 'request.invalid_header', `${MIN_POSITION_HEADER} must be a ledger position`, {
      errors: [
        { field: MIN_POSITION_HEADER, code: 'field.invalid', message: 'a whole number >= 0', actual: text },
      ],
    });
  }
  return { ...query, minPosition: Number(text) };
}

/**
 * Runs a query and answers with the position it served in X-Annals-Position; a projection that
 * stays behind minPosition becomes 503 projection.behind with the position reached.
 */
export async function serve<T>(reply: FastifyReply, query: () => Promise<Served<T>>): Promise<T> {
  try {
    const served = await query();
    void reply.header(POSITION_HEADER, String(served.position));
    return served.result;
  } catch (error) {
    if (error instanceof ProjectionBehindError) {
      void reply.header(POSITION_HEADER, String(error.position)).header('Retry-After', '1');
    }
    throw queryProblem(error);
  }
}

/** A query's own refusals as problems, the same on every transport (REST's serve(), gRPC). */
export function queryProblem(error: unknown): unknown {
  if (error instanceof ProjectionBehindError) {
    return new ApiProblem(503, 'projection.behind', error.message, {
      minPosition: error.minPosition,
      position: error.position,
    });
  }
  if (error instanceof InvalidCursorError) return new ApiProblem(400, 'cursor.invalid', error.message);
  return error;
}

/** 404 with the entity's code when the read model has no such row. */
export function found<T>(value: T | undefined, code: string, what: string): T {
  if (value === undefined) throw new ApiProblem(404, code, `No ${what}`);
  return value;
}
