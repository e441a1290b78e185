/** A command of a batch failed: nothing of the batch was written; `index` names the command. */
export class CommandFailedError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`Command ${index} failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'CommandFailedError';
  }
}

export class UnknownCommandError extends Error {
  readonly code = 'command.unknown_type';
  constructor(
    readonly type: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown command type ${type}`);
    this.name = 'UnknownCommandError';
  }
}
