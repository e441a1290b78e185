import { performance } from 'node:perf_hooks';
import { Measured, perSecond } from '../support/measure';
import { Contender } from './contender';
import { checkGlobalOrder } from './global-order-check';
import { readGlobalOrder, readLongStream, seedReads } from './read-scenarios';
import { AppendSettings, ContenderRun, Metric, SequencerRun } from './results';
import { drainBacklog, waitForSequencer, watchSequencer } from './sequencer-watch';
import { Workload } from './workload';
import { batches, contendedStreams, newStreams, ownStreams, warmUp } from './write-scenarios';

const WARM_UP_MS = 500;

/**
 * Every scenario against one contender, in order: A, B, C (1 then 4 writers), D, the exactly-once
 * check of the global order, then E on seeded data.
 */
export async function runAppendScenarios(
  contender: Contender,
  settings: AppendSettings,
  log: (line: string) => void,
): Promise<ContenderRun> {
  const durationMs = settings.seconds * 1000;
  const workload = new Workload(contender);
  const rates: Partial<Record<Metric, number>> = {};
  const record = (metric: Metric, measured: Measured): void => {
    rates[metric] = perSecond(measured);
    log(`${metric}: ${Math.round(rates[metric])}/s (${measured.events} in ${measured.seconds.toFixed(2)} s)`);
  };
  const sequenced = async (work: () => Promise<Measured>) => {
    if (!contender.sequencer) return { measured: await work(), sequencer: undefined };
    return watchSequencer(contender.sequencer, work);
  };

  await warmUp(workload, WARM_UP_MS);
  record('A', await newStreams(workload, durationMs));
  record('B', await ownStreams(workload, durationMs));
  const c1 = await sequenced(() => batches(workload, 1, durationMs));
  record('C1', c1.measured);
  const c4 = await sequenced(() => batches(workload, 4, durationMs));
  record('C4', c4.measured);
  const d = await contendedStreams(workload, durationMs);
  record('D', d.appended);
  record('D conflicts', d.conflicts);

  if (contender.sequencer) await waitForSequencer(contender.sequencer);
  await contender.analyze();
  const checkStarted = performance.now();
  const order = await checkGlobalOrder(contender, workload.acknowledged, settings.page);
  log(
    `global order: ${order.read} read, ${order.distinct} distinct of ${order.stored} stored ` +
      `(${order.acknowledged} acknowledged): ${order.lost} lost, ${order.repeated} repeated ` +
      `(checked in ${since(checkStarted)} s)`,
  );

  const seedStarted = performance.now();
  const seed = () => seedReads(workload, settings.globalEvents);
  const drain = contender.sequencer ? await drainBacklog(contender.sequencer, seed) : await seed();
  await contender.analyze();
  log(`seeded the reads in ${since(seedStarted)} s`);
  if (drain) {
    log(`sequencer: numbered a backlog of ${drain.backlog} at ${Math.round(drain.perSecond)}/s`);
  }
  record('E stream', await readLongStream(contender, settings.streamReads));
  record('E global', await readGlobalOrder(contender, settings.globalEvents, settings.page));

  const sequencer: SequencerRun | undefined =
    c1.sequencer && c4.sequencer && drain ? { C1: c1.sequencer, C4: c4.sequencer, drain } : undefined;
  return { contender: contender.name, rates: rates as Record<Metric, number>, sequencer, order };
}

const since = (started: number): string => ((performance.now() - started) / 1000).toFixed(1);
