import type { parseArgs } from 'node:util';
import type { CommandRegistry } from './command-registry';

/** One option of a command: what node:util parseArgs takes, plus what `annals help` says about it. */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: string;
  /** Shown after a string option in help, e.g. `--role <ROLE>`. */
  readonly valueName?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The parsed command line of one command, typed by its options (`values.json` is `boolean | undefined`). */
export type CommandArgs<O extends OptionSpecs> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>
>;

/** What a command may touch besides its arguments; the entry point binds it to the real process. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Writes one line of the command's result to stdout. */
  readonly out: (line: string) => void;
  /** Writes one line of diagnostics (logs, errors, usage) to stderr. */
  readonly err: (line: string) => void;
  readonly commands: CommandRegistry;
  readonly version: string;
}

/**
 * One `annals` subcommand. Adding a command is one file exporting one of these, plus its line in
 * commands/index.ts. `run` returns the exit code; it may throw UsageError (exit 2, with this
 * command's usage), ConfigError (exit 78) or anything else (exit 1).
 */
export interface CliCommand<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** One line for the command list of `annals help`. */
  readonly summary: string;
  /** The synopsis after `annals `, e.g. `migrate [--json]`. */
  readonly usage: string;
  readonly options: O;
  /** How many positional arguments the command takes at most; more is a usage error. Default 0. */
  readonly maxPositionals?: number;
  run(args: CommandArgs<O>, context: CliContext): Promise<number>;
}

/** Keeps the literal types of `options`, so that `run` sees typed values. */
export function defineCommand<const O extends OptionSpecs>(command: CliCommand<O>): CliCommand<O> {
  return command;
}

/** A wrong command line. Thrown by the parser, and by a command that finds its arguments wrong. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Whose usage to print; none means the overview of all commands. */
    readonly command?: CliCommand<any>,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
