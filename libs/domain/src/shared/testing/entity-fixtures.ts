import { Command, DomainEvent } from '../decider';
import { iso, metadataAt } from './test-clock';

type OfType<Union, Type> = Extract<Union, { type: Type }>;

/**
 * Commands on one entity: the returned function fills in the entity's id (`idField: id`) and a clock at
 * minute `at` (see test-clock.ts), so a test writes only what matters to it:
 * `taskCommand('BlockTask', { reason: 'waiting' })`.
 */
export const commandsOn =
  <Cmd extends Command, IdField extends string>(idField: IdField, id: string) =>
  <Type extends Cmd['type']>(
    type: Type,
    data: Omit<OfType<Cmd, Type>['data'], IdField>,
    at = 1,
  ): OfType<Cmd, Type> =>
    ({ type, data: { [idField]: id, ...data }, metadata: metadataAt(at) }) as unknown as OfType<Cmd, Type>;

/** Events of one entity, the counterpart of `commandsOn`: facts that happened at minute `at`. */
export const eventsOf =
  <Event extends DomainEvent, IdField extends string>(idField: IdField, id: string) =>
  <Type extends Event['type']>(
    type: Type,
    data: Omit<OfType<Event, Type>['data'], IdField>,
    at = 0,
  ): OfType<Event, Type> =>
    ({ type, data: { [idField]: id, ...data }, occurredAt: iso(at) }) as unknown as OfType<Event, Type>;
