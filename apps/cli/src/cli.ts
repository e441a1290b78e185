import { ConfigError } from '@annals/platform';
import { CliCommand, CliContext, CommandArgs, OptionSpecs, UsageError } from './command';
import { ExitCode } from './exit-codes';
import { MissingInputError } from './public-keys';
import { Invocation, parseInvocation } from './parse-invocation';
import { commandHelp, overviewHelp } from './usage';

/**
 * Runs one `annals` command line and returns its exit code. Never throws: every failure is reported
 * on stderr and mapped to an exit code (see ExitCode).
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  let invocation: Invocation;
  try {
    invocation = parseInvocation(argv, context.commands);
  } catch (error) {
    return report(error, context);
  }
  switch (invocation.kind) {
    case 'version':
      context.out(`annals ${context.version}`);
      return ExitCode.ok;
    case 'help':
      context.out(invocation.command ? commandHelp(invocation.command) : overviewHelp(context.commands));
      return ExitCode.ok;
    case 'run':
      return runCommand(invocation.command, invocation.args, context);
  }
}

async function runCommand(
  command: CliCommand<any>,
  args: CommandArgs<OptionSpecs>,
  context: CliContext,
): Promise<number> {
  try {
    return await command.run(args, context);
  } catch (error) {
    return report(error, context, command);
  }
}

function report(error: unknown, context: CliContext, command?: CliCommand<any>): number {
  if (error instanceof UsageError) {
    context.err(`annals: ${error.message}`);
    context.err('');
    const about = error.command ?? command;
    context.err(about ? commandHelp(about) : overviewHelp(context.commands));
    return ExitCode.usage;
  }
  if (error instanceof ConfigError) {
    context.err(error.message);
    return ExitCode.config;
  }
  if (error instanceof MissingInputError) {
    context.err(`annals${command ? ` ${command.name}` : ''}: ${error.message}`);
    return ExitCode.noInput;
  }
  context.err(`annals${command ? ` ${command.name}` : ''}: ${describe(error)}`);
  return ExitCode.failure;
}

/** pg reports a refused connection to every address of a host as an AggregateError with no message. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(describe).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
