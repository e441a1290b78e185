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

/** The p-th percentile (0..100) with linear interpolation between ranks, as PostgreSQL's percentile_cont. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

export interface Latencies {
  /** One entry per completed request, in milliseconds. */
  readonly ms: readonly number[];
  readonly seconds: number;
  /** Requests whose step threw: not in `ms`. */
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

export interface LatencySummary {
  readonly requests: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

/**
 * `workers` concurrent loops for `durationMs`, each timing every call of `step` (one request). A
 * failed call is counted apart, so that fast errors never pass for fast answers.
 */
export async function runTimed(
  workers: number,
  durationMs: number,
  step: (worker: number, iteration: number) => Promise<void>,
): Promise<Latencies> {
  const started = performance.now();
  const deadline = started + durationMs;
  const ms: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let iteration = 0; performance.now() < deadline; iteration += 1) {
        const sent = performance.now();
        try {
          await step(worker, iteration);
          ms.push(performance.now() - sent);
        } catch (error) {
          failures += 1;
          firstFailure ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return { ms, seconds: (performance.now() - started) / 1000, failures, firstFailure };
}

export function summarizeLatencies({ ms, seconds, failures }: Latencies): LatencySummary {
  return {
    requests: ms.length,
    perSecond: seconds > 0 ? ms.length / seconds : 0,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    failures,
  };
}
