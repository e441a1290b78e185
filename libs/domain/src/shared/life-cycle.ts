import { DomainError } from './domain-error';

/** For each status, the statuses that may follow it. */
export type Transitions<Status extends string> = Readonly<Record<Status, readonly Status[]>>;

/** An entity's statuses, and how it refuses a command that does not fit them. */
export interface LifeCycle<Status extends string> {
  readonly transitions: Transitions<Status>;
  readonly notFound: (id: string) => DomainError;
  readonly invalidTransition: (id: string, from: Status, to: Status) => DomainError;
}

/** A stream without events: the entity was never created. */
export interface Nonexistent {
  readonly status: 'nonexistent';
}

/**
 * A command that moves an entity to `to` needs the entity to exist (else `notFound`, a 404) and the
 * move to be one its life cycle lists (else `invalidTransition`, a broken rule).
 */
export function requireTransition<Status extends string, State extends Nonexistent | { status: Status }>(
  lifeCycle: LifeCycle<Status>,
  state: State,
  id: string,
  to: Status,
): asserts state is Exclude<State, Nonexistent> {
  if (state.status === 'nonexistent') throw lifeCycle.notFound(id);
  const from = state.status as Status;
  if (!lifeCycle.transitions[from].includes(to)) throw lifeCycle.invalidTransition(id, from, to);
}
