import { Command, Decider, DomainEvent } from '../decider';
import { DomainError } from '../domain-error';

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
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).code).toBe(code);
            if (details) expect((caught as DomainError).details).toMatchObject(details);
          },
          events: run,
        };
      },
    }),
  };
}
