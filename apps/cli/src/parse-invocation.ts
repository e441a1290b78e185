import { parseArgs } from 'node:util';
import { CliCommand, CommandArgs, OptionSpecs, UsageError } from './command';
import type { CommandRegistry } from './command-registry';

/** What a command line asks for, before anything runs. */
export type Invocation =
  | { readonly kind: 'version' }
  /** No command: the overview of all commands. */
  | { readonly kind: 'help'; readonly command?: CliCommand<any> }
  | { readonly kind: 'run'; readonly command: CliCommand<any>; readonly args: CommandArgs<OptionSpecs> };

/** Every command takes -h/--help; help lists it with the command's own options. */
export const HELP_OPTION = { type: 'boolean', short: 'h', description: 'Show this help' } as const;

const GLOBAL_OPTIONS = {
  help: HELP_OPTION,
  version: { type: 'boolean', description: 'Print the version' },
} as const satisfies OptionSpecs;

/**
 * Reads `annals [--help | --version] | <command> [options] [arguments]`. Throws UsageError for an
 * unknown command or option, a missing option value, or more arguments than the command takes.
 */
export function parseInvocation(argv: readonly string[], commands: CommandRegistry): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command');
  if (first.startsWith('-')) return parseGlobal(argv, commands);

  const command = commands.find(first);
  if (!command) throw new UsageError(`unknown command '${first}'`);
  const { values, positionals } = parseOptions(rest, { ...command.options, help: HELP_OPTION }, command);
  if (values.help === true) return { kind: 'help', command };
  const max = command.maxPositionals ?? 0;
  if (positionals.length > max) throw new UsageError(`unexpected argument '${positionals[max]}'`, command);
  delete values.help;
  return { kind: 'run', command, args: { values, positionals } };
}

function parseGlobal(argv: readonly string[], commands: CommandRegistry): Invocation {
  const { values, positionals } = parseOptions(argv, GLOBAL_OPTIONS);
  if (values.version === true) return { kind: 'version' };
  if (values.help !== true) throw new UsageError('missing command');
  const [topic] = positionals;
  if (topic === undefined) return { kind: 'help' };
  const command = commands.find(topic);
  if (!command) throw new UsageError(`unknown command '${topic}'`);
  return { kind: 'help', command };
}

function parseOptions(
  args: readonly string[],
  options: OptionSpecs,
  command?: CliCommand<any>,
): { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    // Node appends a paragraph on how to pass a positional that starts with '-'; one line is enough here.
    const [firstLine] = error.message.split('\n');
    const reason = firstLine.replace(/\. To specify a positional argument.*$/, '').replace(/\.$/, '');
    throw new UsageError(lowerFirst(reason), command);
  }
}

function isParseArgsError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
