import {
  Decider,
  decisionDecider,
  deploymentDecider,
  DomainEvent,
  snapshotDecider,
  taskDecider,
  workflowDecider,
} from '@annals/domain';

/** The five aggregates: stream id `<kind>-<id>`, one decider each. */
export const AGGREGATES = {
  workflow: workflowDecider,
  task: taskDecider,
  decision: decisionDecider,
  snapshot: snapshotDecider,
  deployment: deploymentDecider,
} as const;

export type AggregateKind = keyof typeof AGGREGATES;
export const AGGREGATE_KINDS = Object.keys(AGGREGATES) as AggregateKind[];

type DeciderOf<K extends AggregateKind> = (typeof AGGREGATES)[K];
export type StateOf<K extends AggregateKind> = DeciderOf<K> extends Decider<infer S, any, any> ? S : never;

export const deciderOf = <K extends AggregateKind>(kind: K): Decider<StateOf<K>, any, DomainEvent> =>
  AGGREGATES[kind] as unknown as Decider<StateOf<K>, any, DomainEvent>;

export const isAggregateKind = (value: string): value is AggregateKind => value in AGGREGATES;
