import { ContenderName } from './contender';
import { appendReport } from './report';
import { ContenderRun, Metric, METRICS, OrderCheck } from './results';

const exact: OrderCheck = { acknowledged: 10, stored: 10, read: 10, distinct: 10, lost: 0, repeated: 0 };

function run(
  contender: ContenderName,
  rate: Partial<Record<Metric, number>> = {},
  order = exact,
): ContenderRun {
  const rates = Object.fromEntries(METRICS.map((m) => [m, rate[m] ?? 1000])) as Record<Metric, number>;
  return { contender, rates, order };
}

const rowOf = (lines: string[], label: string): string => lines.find((l) => l.startsWith(`| ${label}`)) ?? '';

describe('appendReport', () => {
  it('meets a write target at 1.5 times Emmett and says so with the ratio', () => {
    const lines = appendReport(
      [run('annals', { A: 1500 }), run('raw', { A: 3000 }), run('emmett', { A: 1000 })],
      1,
    );

    expect(rowOf(lines, 'A:')).toContain('yes (1.50x >= 1.50x emmett); raw guide ~0.50x: 0.50x');
  });

  it('says by how much a target is missed', () => {
    const lines = appendReport([run('annals', { C4: 600 }), run('raw'), run('emmett', { C4: 1000 })], 1);

    expect(rowOf(lines, 'C: batches of 100, 4 writers')).toContain('**no**: 0.60x < 1.50x emmett, 60% short');
  });

  it('holds a stream read to within 1.2 times raw', () => {
    const lines = appendReport(
      [run('annals', { 'E stream': 800 }), run('raw', { 'E stream': 1000 }), run('emmett')],
      1,
    );

    expect(rowOf(lines, 'E: read one')).toContain('**no**: 0.80x < 0.83x raw');
  });

  it('reports the median of the rounds', () => {
    const runs = [700, 100, 400].flatMap((a) => [run('annals', { A: a }), run('raw'), run('emmett')]);

    expect(rowOf(appendReport(runs, 3), 'A:')).toMatch(/^\| A: [^|]+\| 400 \|/);
  });

  it('marks a global order with a lost or repeated event as not exactly once', () => {
    const broken: OrderCheck = { ...exact, read: 10, distinct: 9, lost: 1, repeated: 1 };
    const lines = appendReport([run('annals'), run('raw'), run('emmett', {}, broken)], 1);

    expect(rowOf(lines, 'emmett | 1')).toMatch(/\| 1 \| 1 \| \*\*no\*\* \|$/);
    expect(rowOf(lines, 'annals | 1')).toMatch(/\| 0 \| 0 \| yes \|$/);
  });

  it('leaves a target unjudged when the contender it is set against did not run', () => {
    const lines = appendReport([run('annals'), run('raw')], 1);

    expect(rowOf(lines, 'A:')).toContain('not measured (needs emmett)');
  });
});
