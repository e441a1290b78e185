import type { CliCommand } from './command';

/** The commands `annals` knows, by name, in the order help lists them. */
export class CommandRegistry {
  private readonly byName = new Map<string, CliCommand<any>>();

  constructor(commands: readonly CliCommand<any>[]) {
    for (const command of commands) {
      if (this.byName.has(command.name)) throw new Error(`two commands are named "${command.name}"`);
      this.byName.set(command.name, command);
    }
  }

  find(name: string): CliCommand<any> | undefined {
    return this.byName.get(name);
  }

  list(): readonly CliCommand<any>[] {
    return [...this.byName.values()];
  }
}
