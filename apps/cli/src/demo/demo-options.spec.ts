import { DemoOptionError, parseRequestedDemo, planDemoRun } from './demo-options';
import { DemoManifest } from './demo-scenario';

const CLOCK = new Date('2026-11-20T12:00:00.000Z');
const clock = () => CLOCK;
const manifest = (overrides: Partial<DemoManifest> = {}): DemoManifest => ({
  seed: 1,
  scale: 1,
  days: 90,
  now: '2026-10-01T00:00:00.000Z',
  commands: 4000,
  ...overrides,
});

describe('parseRequestedDemo', () => {
  it('reads the options, leaving absent ones undefined (seed defaults to 1)', () => {
    expect(parseRequestedDemo({}, clock)).toEqual({ seed: 1 });
    expect(
      parseRequestedDemo({ seed: '42', scale: '3', days: '30', now: '2026-11-01T08:00:00+02:00' }, clock),
    ).toEqual({ seed: 42, scale: 3, days: 30, now: new Date('2026-11-01T06:00:00.000Z') });
  });

  it.each([
    [{ seed: '-1' }, "--seed expects an integer from 0 to 4294967295, got '-1'"],
    [{ seed: '4294967296' }, "--seed expects an integer from 0 to 4294967295, got '4294967296'"],
    [{ scale: '0' }, "--scale expects an integer from 1 to 100, got '0'"],
    [{ scale: '1.5' }, "--scale expects an integer from 1 to 100, got '1.5'"],
    [{ days: '13' }, "--days expects an integer from 14 to 3650, got '13'"],
    [{ days: 'ninety' }, "--days expects an integer from 14 to 3650, got 'ninety'"],
    [
      { now: '2026-11-20' },
      "--now expects a time with its offset, like 2026-01-31T12:00:00Z, got '2026-11-20'",
    ],
    [
      { now: '2026-02-30T10:00:00Z' },
      "--now expects a time with its offset, like 2026-01-31T12:00:00Z, got '2026-02-30T10:00:00Z'",
    ],
    [
      { now: '2026-11-20T12:06:00Z' },
      "--now may be at most 5 minutes ahead of the clock (2026-11-20T12:00:00.000Z), got '2026-11-20T12:06:00Z'",
    ],
  ])('refuses %j', (values, message) => {
    expect(() => parseRequestedDemo(values, clock)).toThrow(new DemoOptionError(message));
  });
});

describe('planDemoRun', () => {
  it('makes a new data set with the defaults on a database without demo data', () => {
    expect(planDemoRun({ seed: 5 }, [], false, clock)).toEqual({
      kind: 'run',
      rerun: false,
      options: { seed: 5, scale: 1, days: 90, now: CLOCK },
    });
  });

  it('refuses when demo data exists, naming it and the ways on', () => {
    const plan = planDemoRun({ seed: 2 }, [manifest()], false, clock);
    expect(plan).toEqual({
      kind: 'refuse',
      reason:
        'the database already holds demo data (seed 1: 4000 commands, scale 1, 90 days up to 2026-10-01T00:00:00.000Z). ' +
        "'annals demo --force' reruns seed 2 (writing only what is missing); " +
        "'annals demo --force --seed <another>' adds a second data set",
    });
  });

  it('with --force, reruns a seed with the parameters it was made with, so that its commands are recognised', () => {
    expect(planDemoRun({ seed: 1 }, [manifest({ scale: 2, days: 30 })], true, clock)).toEqual({
      kind: 'run',
      rerun: true,
      options: { seed: 1, scale: 2, days: 30, now: new Date('2026-10-01T00:00:00.000Z') },
    });
    expect(
      planDemoRun(
        { seed: 1, scale: 1, days: 90, now: new Date('2026-10-01T00:00:00Z') },
        [manifest()],
        true,
        clock,
      ),
    ).toMatchObject({ kind: 'run', rerun: true });
  });

  it('with --force, refuses a rerun of a seed with other parameters', () => {
    expect(planDemoRun({ seed: 1, scale: 2, now: CLOCK }, [manifest()], true, clock)).toEqual({
      kind: 'refuse',
      reason:
        'seed 1 was made with --scale 1 --now 2026-10-01T00:00:00.000Z; a rerun repeats it exactly ' +
        '(leave those options out), and another data set needs another --seed',
    });
  });

  it('with --force, adds a data set for a seed not seen yet', () => {
    expect(planDemoRun({ seed: 2, scale: 3 }, [manifest()], true, clock)).toEqual({
      kind: 'run',
      rerun: false,
      options: { seed: 2, scale: 3, days: 90, now: CLOCK },
    });
  });
});
