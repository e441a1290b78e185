import { CliCommand, CliContext, CommandArgs, defineCommand, OptionSpecs, UsageError } from './command';

/** One verb of a command group (`annals audit verify`): which of the group's options it takes. */
export interface Subcommand<O extends OptionSpecs> {
  readonly name: string;
  readonly summary: string;
  /** The synopsis after `annals <group> `, e.g. `verify [--from <N>] [--json]`. */
  readonly usage: string;
  readonly options: readonly (keyof O & string)[];
  readonly maxPositionals?: number;
  run(args: CommandArgs<O>, context: CliContext): Promise<number>;
}

/**
 * A command made of verbs sharing one option table: `annals <group> <verb> [options]`. The parser
 * knows one word per command, so the group reads the verb from its first positional and refuses any
 * option that the verb does not take, with the group's usage listing every verb.
 */
export function defineCommandGroup<const O extends OptionSpecs>(group: {
  readonly name: string;
  readonly summary: string;
  readonly options: O;
  readonly subcommands: readonly Subcommand<O>[];
}): CliCommand<O> {
  const synopsis = group.subcommands.map((sub) => `${group.name} ${sub.usage}`);
  const command: CliCommand<O> = defineCommand({
    name: group.name,
    summary: group.summary,
    usage: [
      synopsis.join('\n       annals '),
      '',
      ...group.subcommands.map((sub) => `  ${sub.name.padEnd(14)} ${sub.summary}`),
    ].join('\n'),
    options: group.options,
    maxPositionals: 1 + Math.max(0, ...group.subcommands.map((sub) => sub.maxPositionals ?? 0)),
    async run({ values, positionals: [verb, ...rest] }, context) {
      const names = group.subcommands.map((sub) => sub.name).join(', ');
      if (verb === undefined) throw new UsageError(`missing subcommand: one of ${names}`, command);
      const sub = group.subcommands.find((candidate) => candidate.name === verb);
      if (!sub) throw new UsageError(`unknown subcommand '${verb}': one of ${names}`, command);
      const stray = Object.keys(values).find((option) => !sub.options.includes(option));
      if (stray !== undefined)
        throw new UsageError(`option '--${stray}' does not apply to '${group.name} ${verb}'`, command);
      if (rest.length > (sub.maxPositionals ?? 0))
        throw new UsageError(`unexpected argument '${rest[sub.maxPositionals ?? 0]}'`, command);
      return sub.run({ values, positionals: rest } as CommandArgs<O>, context);
    },
  });
  return command;
}
