import { Command, Decider, DomainEvent } from '../decider';
import { expectRefusal } from './thrown';

/**
 * Given/When/Then over a decider:
 *   given([created, started]).when(complete).then([completed])
 *   given([created]).when(complete).thenThrows('task.invalid_transition')
 */
export function deciderSpec<State, Cmd extends Command, Event extends DomainEvent>(
  decider: Decider<State, Cmd, Event>,
) {
  return {
    given: (events: readonly Event[]) => ({
      when: (command: Cmd) => {
        const run = () => decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
        return {
          then: (expected: readonly Event[]) => expect(run()).toEqual(expected),
          thenThrows: (code: string, details?: Record<string, unknown>) => {
            expectRefusal(run, code, details);
          },
          events: run,
        };
      },
    }),
  };
}
