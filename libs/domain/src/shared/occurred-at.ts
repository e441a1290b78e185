import { invalid } from './domain-error';

/** A publisher's clock may run ahead of ours; beyond this the fact is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * `occurredAt` is when the fact happened: at most five minutes in the future, and never before
 * the previous fact of the same stream (histories read in order of time must read in order of version).
 */
export function checkOccurredAt(occurredAt: Date, now: Date, previousOccurredAt: string | null): void {
  if (Number.isNaN(occurredAt.getTime())) {
    throw invalid('command.occurred_at_invalid', 'occurredAt is not a valid time', { field: 'occurredAt' });
  }
  if (occurredAt.getTime() - now.getTime() > MAX_CLOCK_SKEW_MS) {
    throw invalid('command.occurred_at_in_future', 'occurredAt is more than 5 minutes in the future', {
      field: 'occurredAt',
      expected: `<= ${new Date(now.getTime() + MAX_CLOCK_SKEW_MS).toISOString()}`,
      actual: occurredAt.toISOString(),
    });
  }
  if (previousOccurredAt !== null && occurredAt.getTime() < Date.parse(previousOccurredAt)) {
    throw invalid(
      'command.occurred_at_before_previous',
      "occurredAt is earlier than the stream's previous fact",
      {
        field: 'occurredAt',
        expected: `>= ${previousOccurredAt}`,
        actual: occurredAt.toISOString(),
      },
    );
  }
}
