import { Type } from '@nestjs/common';
import { Served } from '@annals/projections';
import { unary, UnaryHandler, validated } from './grpc-call';

/**
 * A query over gRPC: the request is validated by the REST query's DTO, the same query class runs,
 * and the answer carries `position`, the ledger position served (REST's X-Annals-Position).
 * Its refusals (projection.behind, cursor.invalid, not found) map through grpcErrorOf.
 */
export function queryMethod<Request extends object, Result>(
  dto: Type<Request>,
  run: (request: Request) => Promise<Served<Result>>,
  present: (result: Result, request: Request) => object = (result) => result as object,
): UnaryHandler {
  return unary(async (message: object) => {
    const request = await validated(dto, message);
    const served = await run(request);
    return { ...present(served.result, request), position: served.position };
  });
}
