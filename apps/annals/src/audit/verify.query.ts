import { OptionalIntegerQuery } from '@annals/contracts';

export class VerifyQuery {
  @OptionalIntegerQuery({ min: 1, default: 1 })
  readonly from?: number;

  @OptionalIntegerQuery({ min: 1, description: 'Default: the ledger head' })
  readonly to?: number;
}
