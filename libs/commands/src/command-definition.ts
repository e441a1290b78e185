import { CommandMetadata, DomainEvent } from '@annals/domain';
import { AggregateKind, deciderOf, StateOf } from './aggregates';

/** A stream as a command found it: folded state, version, and the position of its last event. */
export interface Loaded<S = unknown> {
  readonly kind: AggregateKind;
  readonly id: string;
  readonly streamId: string;
  readonly state: S;
  readonly version: number;
}

export interface CommandContext {
  readonly metadata: CommandMetadata;
  load<K extends AggregateKind>(kind: K, id: string): Promise<Loaded<StateOf<K>>>;
  /** A fresh UUIDv7, for ids the caller may omit (phases, questions, issues). */
  newId(): string;
}

export interface Change {
  readonly stream: Loaded;
  readonly events: readonly DomainEvent[];
}

/** What a command decided: the events for each stream it touched, the first one being its own. */
export interface CommandOutcome {
  readonly primary: Loaded;
  readonly changes: readonly Change[];
}

export interface CommandDefinition<Data extends object = any> {
  /** The command's name, as in a batch envelope: `CompleteTask`. */
  readonly type: string;
  readonly aggregate: AggregateKind;
  /** The body's class (class-validator): the same for the resource route and the envelope's `data`. */
  readonly dto: new () => Data;
  /** Create commands take an optional id (a UUIDv7 is generated when absent); the others need one. */
  readonly creates: boolean;
  readonly summary: string;
  execute(context: CommandContext, id: string, data: Data): Promise<CommandOutcome>;
}

/**
 * Most commands touch one stream: load it, decide, done. `toCommand` turns the body into the
 * domain command's data (adding the entity id and any generated ids).
 */
export function singleStreamCommand<Data extends object, K extends AggregateKind>(spec: {
  type: string;
  aggregate: K;
  dto: new () => Data;
  creates?: boolean;
  summary: string;
  toCommand: (id: string, data: Data, context: CommandContext) => object;
}): CommandDefinition<Data> {
  return {
    type: spec.type,
    aggregate: spec.aggregate,
    dto: spec.dto,
    creates: spec.creates ?? false,
    summary: spec.summary,
    async execute(context, id, data) {
      const stream = await context.load(spec.aggregate, id);
      const events = deciderOf(spec.aggregate).decide(
        { type: spec.type, data: spec.toCommand(id, data, context), metadata: context.metadata },
        stream.state,
      );
      return { primary: stream, changes: [{ stream, events }] };
    },
  };
}
