import { runCli } from '../cli';
import { CliCommand } from '../command';
import { CommandRegistry } from '../command-registry';
import { commands as allCommands } from '../commands';

/** What an in-process `annals` run printed, line by line; `done` settles with its exit code. */
export interface CapturedRun {
  readonly out: string[];
  readonly err: string[];
  readonly done: Promise<number>;
}

export interface CapturedRunOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** The commands the CLI knows: all of them unless a spec narrows it. */
  readonly commands?: readonly CliCommand<any>[] | CommandRegistry;
  readonly version?: string;
}

/** Starts `annals <argv>` in this process, capturing stdout and stderr lines (for runs a spec stops midway). */
export function startCliCaptured(argv: readonly string[], options: CapturedRunOptions = {}): CapturedRun {
  const out: string[] = [];
  const err: string[] = [];
  const done = runCli(argv, {
    env: options.env ?? {},
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    commands:
      options.commands instanceof CommandRegistry
        ? options.commands
        : new CommandRegistry(options.commands ?? allCommands),
    version: options.version ?? 'test',
  });
  return { out, err, done };
}

/** Runs `annals <argv>` to its end: the exit code and the lines it printed. */
export async function runCliCaptured(
  argv: readonly string[],
  options: CapturedRunOptions = {},
): Promise<{ code: number; out: string[]; err: string[] }> {
  const { out, err, done } = startCliCaptured(argv, options);
  return { code: await done, out, err };
}

/** The environment of a run against one database, with logs quiet unless they are errors. */
export const databaseEnv = (url: string): Record<string, string> => ({
  DATABASE_URL: url,
  LOG_LEVEL: 'error',
});
