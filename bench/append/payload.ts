import { BenchEvent } from './contender';

const EVENT_TYPE = 'MilestoneRecorded';

/** A task milestone of about 200 bytes of JSON, the same for every contender; `n` makes each one distinct. */
export function benchEvent(n: number): BenchEvent {
  return {
    type: EVENT_TYPE,
    data: {
      taskId: `task-${n}`,
      message: 'Ran the unit and integration suites of the event store',
      progress: n % 101,
      actor: { type: 'agent', id: 'coding-agent-7' },
      labels: ['bench', 'append'],
      at: '2026-11-22T10:00:00.000Z',
    },
  };
}

export const benchEvents = (count: number, first: number): BenchEvent[] =>
  Array.from({ length: count }, (_, i) => benchEvent(first + i));
