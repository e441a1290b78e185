import { FieldProblem } from '@annals/contracts';

/** A request that breaks the contract: every invalid field, answered 400. */
export class ValidationFailed extends Error {
  constructor(
    readonly errors: readonly FieldProblem[],
    readonly code = 'request.invalid',
  ) {
    super(
      `${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${errors.map((e) => e.field).join(', ')}`,
    );
    this.name = 'ValidationFailed';
  }
}
