import { ValidationFailed } from '../http/validation-failed.exception';

const DAY_MS = 86_400_000;

export interface MetricWindowBounds {
  readonly defaultDays: number;
  readonly maxDays: number;
}

/**
 * A metrics window [from, to): `to` defaults to now, `from` to `defaultDays` before `to`. An empty,
 * reversed or over-long window is a 400 naming the field, what was expected and what came.
 */
export function metricWindowOf(
  query: { readonly from?: string; readonly to?: string },
  now: Date,
  bounds: MetricWindowBounds,
): { from: Date; to: Date } {
  const to = query.to === undefined ? now : new Date(query.to);
  const from =
    query.from === undefined ? new Date(to.getTime() - bounds.defaultDays * DAY_MS) : new Date(query.from);
  if (from.getTime() >= to.getTime()) {
    throw new ValidationFailed([
      {
        field: 'to',
        code: 'field.too_small',
        message: 'to must be after from: the window is [from, to)',
        expected: `after ${from.toISOString()}`,
        actual: to.toISOString(),
      },
    ]);
  }
  if (to.getTime() - from.getTime() > bounds.maxDays * DAY_MS) {
    throw new ValidationFailed([
      {
        field: 'from',
        code: 'field.too_small',
        message: `the window spans at most ${bounds.maxDays} days`,
        expected: `at or after ${new Date(to.getTime() - bounds.maxDays * DAY_MS).toISOString()}`,
        actual: from.toISOString(),
      },
    ]);
  }
  return { from, to };
}
