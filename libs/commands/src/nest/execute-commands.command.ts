import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandEnvelope, CommandExecutor, ExecuteOptions } from '../command-executor';
import { CommandResult } from '../command-result';

/** The one command on the bus: a list of envelopes, run in order in one transaction. */
export class ExecuteCommands extends Command<CommandResult[]> {
  constructor(
    readonly envelopes: readonly CommandEnvelope[],
    readonly options: ExecuteOptions,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCommands)
export class ExecuteCommandsHandler implements ICommandHandler<ExecuteCommands> {
  constructor(private readonly executor: CommandExecutor) {}

  execute({ envelopes, options }: ExecuteCommands): Promise<CommandResult[]> {
    return this.executor.execute(envelopes, options);
  }
}
