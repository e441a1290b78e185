import { performance } from 'node:perf_hooks';

export interface Measured {
  /** Events written or read. */
  readonly events: number;
  readonly seconds: number;
}

export const perSecond = ({ events, seconds }: Measured): number => (seconds > 0 ? events / seconds : 0);

/**
 * Runs `writers` concurrent loops for `durationMs`; each call of `step` returns how many events it
 * wrote. A loop finishes the step it is in when time is up, so the clock stops when the last one ends.
 */
export async function runWriters(
  writers: number,
  durationMs: number,
  step: (writer: number, iteration: number) => Promise<number>,
): Promise<Measured> {
  const started = performance.now();
  const deadline = started + durationMs;
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let events = 0;
      for (let iteration = 0; performance.now() < deadline; iteration += 1) {
        events += await step(writer, iteration);
      }
      return events;
    }),
  );
  return { events: counts.reduce((a, b) => a + b, 0), seconds: (performance.now() - started) / 1000 };
}

/** Times `work`, which returns how many events it handled. */
export async function timed(work: () => Promise<number>): Promise<Measured> {
  const started = performance.now();
  const events = await work();
  return { events, seconds: (performance.now() - started) / 1000 };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
