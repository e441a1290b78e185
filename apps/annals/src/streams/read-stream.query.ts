import { OptionalIntegerQuery } from '@annals/contracts';

export class ReadStreamQuery {
  @OptionalIntegerQuery({ min: 1, default: 1 })
  readonly fromVersion?: number;

  @OptionalIntegerQuery({ min: 1 })
  readonly toVersion?: number;

  @OptionalIntegerQuery({ min: 1, max: 10000, default: 1000 })
  readonly limit?: number;
}
