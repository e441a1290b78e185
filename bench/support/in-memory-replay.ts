import { plainToInstance } from 'class-transformer';
import { ALL_COMMANDS, AggregateKind, CommandContext, CommandRegistry, deciderOf } from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import { NewEvent, streamIdOf } from '@annals/event-store';
import type { DemoCommand } from '../../apps/cli/src/demo/demo-scenario';

const registry = new CommandRegistry(ALL_COMMANDS);

/**
 * What the CommandExecutor does without the database: the command's definition loads streams (here
 * folded in memory, one evolve per event as it is decided) and decides. Demo commands carry every id,
 * so nothing is generated.
 */
export class InMemoryReplay {
  private readonly states = new Map<string, { state: unknown; version: number }>();

  constructor(private readonly now: Date) {}

  get streams(): number {
    return this.states.size;
  }

  async decide(command: DemoCommand): Promise<{ streamId: string; events: NewEvent[] }[]> {
    const definition = registry.get(command.type);
    const instance = plainToInstance(definition.dto, command.data) as { occurredAt: string };
    const { occurredAt, ...data } = instance;
    const context: CommandContext = {
      metadata: { now: this.now, occurredAt: new Date(occurredAt) },
      load: async (kind, id) => {
        const streamId = streamIdOf(kind, id);
        const stored = this.states.get(streamId);
        return {
          kind,
          id,
          streamId,
          state: (stored?.state ?? deciderOf(kind).initialState()) as never,
          version: stored?.version ?? 0,
        };
      },
      newId: () => {
        throw new Error(`${command.type} ${command.id} left an id to be generated`);
      },
    };
    const outcome = await definition.execute(context, command.id, data);
    return outcome.changes
      .filter((change) => change.events.length > 0)
      .map(({ stream, events }) => {
        const decider = deciderOf(stream.kind as AggregateKind);
        const stored = this.states.get(stream.streamId);
        let state = stored?.state ?? decider.initialState();
        for (const event of events) state = decider.evolve(state as never, event);
        this.states.set(stream.streamId, { state, version: (stored?.version ?? 0) + events.length });
        return {
          streamId: stream.streamId,
          events: events.map((e) => ({
            type: e.type,
            schemaVersion: EVENT_CATALOG.schemaVersionOf(e.type),
            data: e.data,
            occurredAt: e.occurredAt,
            metadata: { command: command.type },
          })),
        };
      });
  }
}
