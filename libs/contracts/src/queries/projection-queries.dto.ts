import { OptionalIntegerQuery } from './query-decorators';

/** POST /v1/projections/{name}/verify */
export class VerifyProjectionQuery {
  @OptionalIntegerQuery({
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    description:
      'The ledger position to compare at (default: the live checkpoint). The live tables must stand at it: ' +
      '409 projection.not_at_position otherwise.',
  })
  readonly at?: number;
}
