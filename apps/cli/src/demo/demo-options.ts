import { DEMO_DEFAULTS, DEMO_LIMITS, DemoManifest, DemoOptions } from './demo-scenario';

/** Facts may be at most this far ahead of the clock (the domain's rule for occurredAt). */
const MAX_FUTURE_MS = 5 * 60_000;

/** What the command line asked for; absent means "the default, or what the earlier run of this seed used". */
export interface RequestedDemo {
  readonly seed: number;
  readonly scale?: number;
  readonly days?: number;
  readonly now?: Date;
}

export type DemoPlan =
  | { readonly kind: 'run'; readonly options: DemoOptions; readonly rerun: boolean }
  | { readonly kind: 'refuse'; readonly reason: string };

/** A wrong option value: the command turns it into a usage error. */
export class DemoOptionError extends Error {}

export function parseRequestedDemo(
  values: { seed?: string; scale?: string; days?: string; now?: string },
  clock: () => Date,
): RequestedDemo {
  return {
    seed: values.seed === undefined ? DEMO_DEFAULTS.seed : integer('seed', values.seed, DEMO_LIMITS.seed),
    scale: values.scale === undefined ? undefined : integer('scale', values.scale, DEMO_LIMITS.scale),
    days: values.days === undefined ? undefined : integer('days', values.days, DEMO_LIMITS.days),
    now: values.now === undefined ? undefined : instant(values.now, clock()),
  };
}

function integer(name: string, raw: string, { min, max }: { min: number; max: number }): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new DemoOptionError(`--${name} expects an integer from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A calendar day that exists: Date would roll 2026-02-30 over to March 2 without a word. */
function dayExists(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function instant(raw: string, now: Date): Date {
  const match = INSTANT.exec(raw);
  const value = new Date(raw);
  if (!match || !dayExists(+match[1], +match[2], +match[3]) || Number.isNaN(value.getTime())) {
    throw new DemoOptionError(
      `--now expects a time with its offset, like 2026-01-31T12:00:00Z, got '${raw}'`,
    );
  }
  if (value.getTime() > now.getTime() + MAX_FUTURE_MS) {
    throw new DemoOptionError(
      `--now may be at most 5 minutes ahead of the clock (${now.toISOString()}), got '${raw}'`,
    );
  }
  return value;
}

/**
 * Decides what a run does, given the data sets the database already holds (their manifests):
 * none, a new data set; one already there, refusal unless --force; --force on a seed already there,
 * the same commands again with the parameters that seed was made with (so its idempotency keys
 * recognise them: nothing is written twice, and an interrupted run is completed).
 */
export function planDemoRun(
  requested: RequestedDemo,
  existing: readonly DemoManifest[],
  force: boolean,
  clock: () => Date,
): DemoPlan {
  if (existing.length > 0 && !force) {
    const seeds = existing.map(describeManifest).join('; ');
    return {
      kind: 'refuse',
      reason:
        `the database already holds demo data (${seeds}). ` +
        `'annals demo --force' reruns seed ${requested.seed} (writing only what is missing); ` +
        `'annals demo --force --seed <another>' adds a second data set`,
    };
  }
  const earlier = existing.find((m) => m.seed === requested.seed);
  if (!earlier) {
    return {
      kind: 'run',
      rerun: false,
      options: {
        seed: requested.seed,
        scale: requested.scale ?? DEMO_DEFAULTS.scale,
        days: requested.days ?? DEMO_DEFAULTS.days,
        now: requested.now ?? clock(),
      },
    };
  }
  const conflicts = [
    requested.scale !== undefined && requested.scale !== earlier.scale && `--scale ${earlier.scale}`,
    requested.days !== undefined && requested.days !== earlier.days && `--days ${earlier.days}`,
    requested.now !== undefined && requested.now.toISOString() !== earlier.now && `--now ${earlier.now}`,
  ].filter((c): c is string => typeof c === 'string');
  if (conflicts.length > 0) {
    return {
      kind: 'refuse',
      reason:
        `seed ${earlier.seed} was made with ${conflicts.join(' ')}; a rerun repeats it exactly ` +
        `(leave those options out), and another data set needs another --seed`,
    };
  }
  return {
    kind: 'run',
    rerun: true,
    options: { seed: earlier.seed, scale: earlier.scale, days: earlier.days, now: new Date(earlier.now) },
  };
}

const describeManifest = (m: DemoManifest): string =>
  `seed ${m.seed}: ${m.commands} commands, scale ${m.scale}, ${m.days} days up to ${m.now}`;
