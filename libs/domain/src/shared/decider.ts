/**
 * What every command carries besides its own fields. Time and the actor come in from outside
 * so that deciders stay pure and deterministic.
 */
export interface CommandMetadata {
  /** The wall clock of the server when the command arrived. */
  readonly now: Date;
  /** When the fact happened (defaults to `now`). Checked by `checkOccurredAt`. */
  readonly occurredAt: Date;
}

export interface Command<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: CommandMetadata;
}

/** A domain event: past tense type, plain JSON data, the time the fact happened. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly occurredAt: string;
}

export interface Decider<State, Cmd extends Command, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly decide: (command: Cmd, state: State) => Event[];
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds events into a state with the decider's `evolve`. */
export const fold = <State, Event extends DomainEvent>(
  decider: Pick<Decider<State, any, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());

/** Every member of a union of type names, in the order listed; the `Record` makes the compiler insist that none is missing. */
export const everyType = <Type extends string>(types: Readonly<Record<Type, true>>): Type[] =>
  Object.keys(types) as Type[];

export const assertNever = (value: never): never => {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
};
