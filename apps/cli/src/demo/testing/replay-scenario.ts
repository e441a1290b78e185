import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ALL_COMMANDS, AggregateKind, CommandContext, CommandRegistry, deciderOf } from '@annals/commands';
import { DomainEvent, fold } from '@annals/domain';
import { streamIdOf } from '@annals/event-store';
import type { DemoCommand } from '../demo-scenario';

export interface ReplayedScenario {
  readonly streams: ReadonlyMap<string, readonly DomainEvent[]>;
  readonly eventCount: number;
  stateOf(kind: AggregateKind, id: string): any;
}

const registry = new CommandRegistry(ALL_COMMANDS);

/**
 * Runs every command through its real definition (DTO validation, then the deciders) against streams
 * kept in memory: what the CommandExecutor does, without the database. Throws at the first refusal,
 * naming the command.
 */
export async function replayScenario(commands: readonly DemoCommand[], now: Date): Promise<ReplayedScenario> {
  const streams = new Map<string, DomainEvent[]>();
  const stateOf = (kind: AggregateKind, id: string) =>
    fold(deciderOf(kind), streams.get(streamIdOf(kind, id)) ?? []);
  for (const [index, command] of commands.entries()) {
    const name = `command ${index} (${command.type} ${command.id})`;
    const definition = registry.get(command.type);
    const instance = plainToInstance(definition.dto, command.data) as object;
    const problems = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
    if (problems.length > 0) throw new Error(`${name} is invalid: ${problems.join('; ')}`);
    const { occurredAt, ...data } = instance as { occurredAt: string };
    const context: CommandContext = {
      metadata: { now, occurredAt: new Date(occurredAt) },
      load: async (kind, id) => {
        const streamId = streamIdOf(kind, id);
        return { kind, id, streamId, state: stateOf(kind, id), version: streams.get(streamId)?.length ?? 0 };
      },
      newId: () => {
        throw new Error(`${name} left an id to be generated: a rerun would not recognise it`);
      },
    };
    try {
      const outcome = await definition.execute(context, command.id, data);
      for (const { stream, events } of outcome.changes) {
        streams.set(stream.streamId, [...(streams.get(stream.streamId) ?? []), ...events]);
      }
    } catch (error) {
      throw new Error(`${name} was refused: ${(error as Error).message}`);
    }
  }
  const eventCount = [...streams.values()].reduce((sum, events) => sum + events.length, 0);
  return { streams, eventCount, stateOf };
}
