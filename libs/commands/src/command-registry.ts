import { CommandDefinition } from './command-definition';
import { UnknownCommandError } from './command-errors';

/** Every command by its name; the one list REST routes, the batch route, gRPC and Kafka ingest share. */
export class CommandRegistry {
  private readonly byType = new Map<string, CommandDefinition>();

  constructor(definitions: readonly CommandDefinition[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`Command ${definition.type} is defined twice`);
      this.byType.set(definition.type, definition);
    }
  }

  get(type: string): CommandDefinition {
    const definition = this.byType.get(type);
    if (!definition) throw new UnknownCommandError(type, this.types());
    return definition;
  }

  find(type: string): CommandDefinition | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()].sort();
  }

  all(): CommandDefinition[] {
    return [...this.byType.values()];
  }
}
