import type { CliCommand, OptionSpec, OptionSpecs } from './command';
import type { CommandRegistry } from './command-registry';
import { HELP_OPTION } from './parse-invocation';

/** `annals help`: every command with its summary. */
export function overviewHelp(commands: CommandRegistry): string {
  return [
    'Usage: annals <command> [options]',
    '',
    'Commands:',
    ...table(commands.list().map((command) => [command.name, command.summary])),
    '',
    'Options:',
    ...table([
      ['-h, --help', 'Show this help'],
      ['--version', 'Print the version'],
    ]),
    '',
    'Settings come from the environment (DATABASE_URL, PORT, ...; see docs/operations.md).',
    "Run 'annals help <command>' for the options of a command.",
  ].join('\n');
}

/** `annals help <command>` and `annals <command> --help`. */
export function commandHelp(command: CliCommand<any>): string {
  const options: OptionSpecs = { ...command.options, help: HELP_OPTION };
  return [
    `Usage: annals ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...table(Object.entries(options).map(([name, option]) => [flagsOf(name, option), option.description])),
  ].join('\n');
}

function flagsOf(name: string, option: OptionSpec): string {
  const long = option.type === 'string' ? `--${name} <${option.valueName ?? 'value'}>` : `--${name}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`);
}
