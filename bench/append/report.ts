import { median } from '../support/measure';
import { ContenderName } from './contender';
import { ContenderRun, exactlyOnce, Metric, METRICS, SequencerFigures, SequencerRun } from './results';

interface Target {
  readonly against: 'emmett' | 'raw';
  readonly atLeast: number;
  /** What the issue expects against raw PostgreSQL when the target is set against Emmett. */
  readonly rawGuide?: number;
}

const LABELS: Record<Metric, string> = {
  A: 'A: 8 writers, 1 event to a new stream',
  B: 'B: 8 writers, 1 event, expected version, own stream',
  C1: 'C: batches of 100, 1 writer',
  C4: 'C: batches of 100, 4 writers',
  D: 'D: 8 writers on 4 streams, successful events',
  'D conflicts': 'D: conflicts/s',
  'E stream': 'E: read one 10,000-event stream',
  'E global': 'E: read 100,000 events in global order',
};

const TARGETS: Partial<Record<Metric, Target>> = {
  A: { against: 'emmett', atLeast: 1.5, rawGuide: 0.5 },
  B: { against: 'emmett', atLeast: 1.5, rawGuide: 0.5 },
  C1: { against: 'emmett', atLeast: 1.5, rawGuide: 0.75 },
  C4: { against: 'emmett', atLeast: 1.5, rawGuide: 0.75 },
  D: { against: 'emmett', atLeast: 1.5 },
  'E stream': { against: 'raw', atLeast: 1 / 1.2 },
  'E global': { against: 'raw', atLeast: 0.5 },
};

type Medians = Record<ContenderName, Record<Metric, number>>;

/** The report's lines: medians with ratios and targets, the sequencer, the exactly-once check, each round's figures. */
export function appendReport(runs: readonly ContenderRun[], rounds: number): string[] {
  const medians = mediansOf(runs);
  return [
    `Medians of ${rounds} round(s), events/s:`,
    '',
    '| scenario | annals | raw | emmett | annals/raw | annals/emmett | target met? |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...METRICS.map((metric) => resultRow(metric, medians)),
    '',
    ...sequencerLines(runs),
    '',
    'Global order after the concurrent scenarios (every round):',
    '',
    '| contender | round | acknowledged | stored | read | distinct | lost | repeated | exactly once? |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...orderRows(runs),
    '',
    'Each round (events/s):',
    '',
    `| scenario | contender | ${Array.from({ length: rounds }, (_, r) => `round ${r + 1}`).join(' | ')} |`,
    `|---|---|${'---:|'.repeat(rounds)}`,
    ...roundRows(runs),
  ];
}

function mediansOf(runs: readonly ContenderRun[]): Medians {
  const of = (name: ContenderName) =>
    Object.fromEntries(
      METRICS.map((m) => [m, median(runs.filter((r) => r.contender === name).map((r) => r.rates[m]))]),
    ) as Record<Metric, number>;
  return { annals: of('annals'), raw: of('raw'), emmett: of('emmett') };
}

function resultRow(metric: Metric, medians: Medians): string {
  const annals = medians.annals[metric];
  const raw = medians.raw[metric];
  const emmett = medians.emmett[metric];
  return `| ${LABELS[metric]} | ${rate(annals)} | ${rate(raw)} | ${rate(emmett)} | ${ratio(annals / raw)} | ${ratio(annals / emmett)} | ${verdict(metric, medians)} |`;
}

function verdict(metric: Metric, medians: Medians): string {
  const target = TARGETS[metric];
  if (!target) return '';
  const achieved = medians.annals[metric] / medians[target.against][metric];
  if (!Number.isFinite(achieved)) return `not measured (needs ${target.against})`;
  const goal = `${ratio(target.atLeast)} ${target.against}`;
  const met =
    achieved >= target.atLeast
      ? `yes (${ratio(achieved)} >= ${goal})`
      : `**no**: ${ratio(achieved)} < ${goal}, ${percent(1 - achieved / target.atLeast)} short`;
  const guide = target.rawGuide;
  const versusRaw = medians.annals[metric] / medians.raw[metric];
  return guide && Number.isFinite(versusRaw)
    ? `${met}; raw guide ~${ratio(guide)}: ${ratio(versusRaw)}`
    : met;
}

function sequencerLines(runs: readonly ContenderRun[]): string[] {
  const figures = runs.flatMap((r) => (r.sequencer ? [r.sequencer] : []));
  if (figures.length === 0) return ['Sequencer: not measured (annals did not run).'];
  const line = (label: string, pick: (s: SequencerRun) => SequencerFigures) => {
    const m = (field: keyof SequencerFigures) => median(figures.map((f) => pick(f)[field]));
    return (
      `| ${label} | ${rate(m('appendedPerSecond'))} | ${rate(m('numberedPerSecond'))} | ` +
      `${rate(m('maxLag'))} | ${rate(m('lagAtEnd'))} | ${Math.round(m('catchUpMs'))} |`
    );
  };
  return [
    'Annals sequencer while C runs (medians):',
    '',
    '| scenario | appended/s | numbered/s | max lag (events) | lag at end | caught up after (ms) |',
    '|---|---:|---:|---:|---:|---:|',
    line('C: 1 writer', (s) => s.C1),
    line('C: 4 writers', (s) => s.C4),
    '',
    `Annals sequencer alone on a backlog of ${rate(median(figures.map((f) => f.drain.backlog)))} events ` +
      `(the E seed, written while it was paused): ${rate(median(figures.map((f) => f.drain.perSecond)))} events/s numbered (median).`,
  ];
}

function orderRows(runs: readonly ContenderRun[]): string[] {
  const round = roundNumbers(runs);
  return runs.map((run, i) => {
    const o = run.order;
    const ok = exactlyOnce(o) ? 'yes' : '**no**';
    return `| ${run.contender} | ${round[i]} | ${o.acknowledged} | ${o.stored} | ${o.read} | ${o.distinct} | ${o.lost} | ${o.repeated} | ${ok} |`;
  });
}

function roundRows(runs: readonly ContenderRun[]): string[] {
  const names = [...new Set(runs.map((r) => r.contender))];
  return METRICS.flatMap((metric) =>
    names.map((name) => {
      const values = runs.filter((r) => r.contender === name).map((r) => rate(r.rates[metric]));
      return `| ${metric} | ${name} | ${values.join(' | ')} |`;
    }),
  );
}

/** Runs arrive round by round, each contender once per round. */
function roundNumbers(runs: readonly ContenderRun[]): number[] {
  const seen = new Map<ContenderName, number>();
  return runs.map((r) => {
    const n = (seen.get(r.contender) ?? 0) + 1;
    seen.set(r.contender, n);
    return n;
  });
}

const rate = (value: number): string =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-';
const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');
const percent = (value: number): string => `${Math.round(value * 100)}%`;
