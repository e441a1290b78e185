import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EVENT_CATALOG } from '@annals/contracts';
import { EventStore } from '@annals/event-store';
import { allProjections } from '@annals/projections/nest/projections.module';
import { createDataSetDatabase } from '../support/dataset-database';
import { describeDataSet, idleProjections } from '../support/dataset-report';
import { median, perSecond } from '../support/measure';
import { countOption, countsOption } from '../support/options';
import { describeServer, openBenchServer } from '../support/server';
import { CatchUp, measureCatchUp } from './catch-up';
import { Baseline, measureCopy, measureInsertSelect, psqlAvailable } from './copy-baseline';

const ROOT = join(__dirname, '..', '..', '..');
/** The service's batch (ProjectionsModule's default, not configurable by environment): measured first. */
const SERVICE_BATCH_SIZE = 500;
/** The goal: catching up at least this fraction of the rate at which COPY writes the same events. */
const GOAL_RATIO = 0.2;

/**
 * `npm run bench -- projections [--events 1000000] [--batch-sizes 500,2000,5000]`: every projection of
 * allProjections() caught up from a fresh checkpoint over the data set, once per batch size, beside
 * the same ledger events copied into a plain table, before and after, in the same run.
 */
export async function main(args: readonly string[]): Promise<number> {
  const events = countOption(args, 'events', 1_000_000);
  const batchSizes = countsOption(args, 'batch-sizes', [SERVICE_BATCH_SIZE, 2000, 5000]);
  const runStarted = performance.now();
  const server = await openBenchServer(ROOT);
  try {
    const facts = await describeServer(server.adminUrl);
    console.log(`server: ${server.origin}, PostgreSQL ${facts.version}, ${JSON.stringify(facts.settings)}`);
    const database = await createDataSetDatabase(server.adminUrl, 'proj', events, console.log);
    try {
      const { db, dataSet, scratch } = database;
      for (const line of describeDataSet(dataSet, EVENT_CATALOG)) console.log(line);
      const store = new EventStore(db, { limits: { maxEventDataBytes: 262144, maxEventsPerAppend: 1000 } });
      const projections = allProjections();
      console.log(`projections: ${projections.map((p) => p.name).join(', ')}`);
      const idle = idleProjections(dataSet.eventTypes, projections);
      if (idle.length > 0)
        console.log(`note: no event of the data set is for ${idle.join(', ')} (too few --events?)`);

      const baselines: Baseline[] = [];
      const measureBaselines = async () => {
        const measured = [
          ...(psqlAvailable() ? [await measureCopy(db, scratch.url)] : []),
          await measureInsertSelect(db),
        ];
        for (const b of measured) console.log(`baseline ${b.method}: ${rate(perSecond(b))} events/s`);
        baselines.push(...measured);
      };
      await measureBaselines();
      const rounds: CatchUp[] = [];
      const failed: FailedRound[] = [];
      // Each batch size as the service runs it (commits without waiting for the WAL flush), then the
      // service's batch with synchronous commits: what the setting saves, in the same run.
      const plan = [
        ...batchSizes.map((batchSize) => ({ batchSize, synchronousCommit: false })),
        { batchSize: SERVICE_BATCH_SIZE, synchronousCommit: true },
      ];
      for (const { batchSize, synchronousCommit } of plan) {
        try {
          const round = await measureCatchUp({
            db,
            url: scratch.url,
            store,
            projections,
            batchSize,
            synchronousCommit,
            head: dataSet.ledgerHead,
            eventTypes: dataSet.eventTypes,
          });
          rounds.push(round);
          console.log(
            `catch-up, ${roundName(round)}: ${round.seconds.toFixed(1)} s, ${rate(round.positions / round.seconds)} events/s`,
          );
        } catch (error) {
          // A projection that breaks at some batch size is a finding: report it, measure the others.
          failed.push({
            batchSize,
            synchronousCommit,
            error: error instanceof Error ? error.message : String(error),
          });
          console.log(
            `catch-up, ${roundName({ batchSize, synchronousCommit })}: failed: ${failed.at(-1)!.error}`,
          );
        }
      }
      await measureBaselines();
      report(rounds, failed, baselines);
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
  console.log(`\ntotal ${((performance.now() - runStarted) / 1000).toFixed(0)} s`);
  return 0;
}

interface FailedRound {
  readonly batchSize: number;
  readonly synchronousCommit: boolean;
  readonly error: string;
}

const roundName = (round: { batchSize: number; synchronousCommit: boolean }): string =>
  `batch ${round.batchSize}${round.synchronousCommit ? ', synchronous commit' : ''}`;

function report(
  rounds: readonly CatchUp[],
  failed: readonly FailedRound[],
  baselines: readonly Baseline[],
): void {
  const medianRate = (kind: Baseline['kind']) =>
    median(baselines.filter((b) => b.kind === kind).map((b) => perSecond(b)));
  const reference = baselines.some((b) => b.kind === 'copy') ? 'copy' : 'insert-select';
  const referenceRate = medianRate(reference);
  console.log('\n| baseline (median of before and after) | events/s |');
  console.log('| --- | ---: |');
  for (const kind of ['copy', 'insert-select'] as const) {
    const found = baselines.find((b) => b.kind === kind);
    if (found) console.log(`| ${found.method} | ${rate(medianRate(kind))} |`);
  }
  console.log(
    `\n| round | seconds | events/s | bench process CPU s | vs ${reference} | goal >= ${GOAL_RATIO.toFixed(2)}x |`,
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | --- |');
  for (const round of rounds) {
    const ratio = round.positions / round.seconds / referenceRate;
    const verdict =
      ratio >= GOAL_RATIO ? 'met' : `**missed** (${((1 - ratio / GOAL_RATIO) * 100).toFixed(0)}% short)`;
    console.log(
      `| ${roundName(round)} | ${round.seconds.toFixed(1)} | ${rate(round.positions / round.seconds)} | ` +
        `${round.processCpuSeconds.toFixed(1)} | ${ratio.toFixed(2)}x | ${verdict} |`,
    );
  }
  for (const round of failed) console.log(`| ${roundName(round)} | failed: ${round.error} | | | | |`);
  if (rounds.length === 0) return;
  console.log('\nper projection (all running at once; seconds until its checkpoint reached the head):\n');
  console.log(
    `| projection | events handled | ${rounds.map((r) => `${roundName(r)}: s, handled/s`).join(' | ')} |`,
  );
  console.log(`| --- | ---: | ${rounds.map(() => '---:').join(' | ')} |`);
  for (const [i, first] of rounds[0].projections.entries()) {
    const cells = rounds.map((r) => {
      const p = r.projections[i];
      return `${p.seconds.toFixed(1)} s, ${rate(p.handled / p.seconds)}`;
    });
    console.log(`| ${first.name} | ${first.handled.toLocaleString('en-US')} | ${cells.join(' | ')} |`);
  }
}

const rate = (value: number) => Math.round(value).toLocaleString('en-US');
