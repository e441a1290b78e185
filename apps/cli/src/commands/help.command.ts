import { defineCommand, UsageError } from '../command';
import { ExitCode } from '../exit-codes';
import { commandHelp, overviewHelp } from '../usage';

export const helpCommand = defineCommand({
  name: 'help',
  summary: 'Show the commands, or the options of one command',
  usage: 'help [command]',
  options: {},
  maxPositionals: 1,
  async run({ positionals: [topic] }, context) {
    if (topic === undefined) {
      context.out(overviewHelp(context.commands));
      return ExitCode.ok;
    }
    const command = context.commands.find(topic);
    if (!command) throw new UsageError(`unknown command '${topic}'`);
    context.out(commandHelp(command));
    return ExitCode.ok;
  },
});
