import { Matches } from 'class-validator';
import { ENTITY_ID_MESSAGE, ENTITY_ID_REGEX } from '@annals/contracts';
import { ConsistencyQuery } from '@annals/contracts/queries/list-queries.dto';

/** A detail query over gRPC: the id REST takes from the path, and read-your-write. */
export class GetByIdRequest extends ConsistencyQuery {
  @Matches(ENTITY_ID_REGEX, { message: ENTITY_ID_MESSAGE })
  readonly id!: string;
}
