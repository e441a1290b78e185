import { Measured, runWriters } from '../support/measure';
import { VersionConflict } from './contender';
import { Workload } from './workload';

const WRITERS = 8;
const BATCH = 100;
const CONTENDED_STREAMS = 4;

/** A: 8 writers, each append one event to a stream that does not exist yet. */
export const newStreams = (workload: Workload, durationMs: number): Promise<Measured> =>
  runWriters(WRITERS, durationMs, (w, i) => workload.append(`bench-a${w}-${i}`, 0, 1));

/** B: 8 writers, one event at a time to a stream of their own, each append expecting the version the last one reached. */
export const ownStreams = (workload: Workload, durationMs: number): Promise<Measured> =>
  runWriters(WRITERS, durationMs, (w, i) => workload.append(`bench-b${w}`, i, 1));

/** C: batches of 100 events to a stream of each writer's own, with expected versions. */
export const batches = (workload: Workload, writers: number, durationMs: number): Promise<Measured> =>
  runWriters(writers, durationMs, (w, i) => workload.append(`bench-c${writers}w${w}`, i * BATCH, BATCH));

/**
 * D: 8 writers append one event at a time to one of the same 4 streams, picked at random, expecting
 * the version they last saw there; a conflict makes the writer read what it missed (as a command
 * handler reloads) before its next append.
 */
export async function contendedStreams(
  workload: Workload,
  durationMs: number,
): Promise<{ appended: Measured; conflicts: Measured }> {
  const known = Array.from({ length: WRITERS }, () => new Array<number>(CONTENDED_STREAMS).fill(0));
  let conflicts = 0;
  const appended = await runWriters(WRITERS, durationMs, async (w) => {
    const s = Math.floor(Math.random() * CONTENDED_STREAMS);
    const streamId = `bench-d${s}`;
    try {
      await workload.append(streamId, known[w][s], 1);
      known[w][s] += 1;
      return 1;
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      conflicts += 1;
      known[w][s] = await workload.contender.catchUp(streamId, known[w][s]);
      return 0;
    }
  });
  return { appended, conflicts: { events: conflicts, seconds: appended.seconds } };
}

/** Opens the pools' connections and lets the JIT settle before anything is measured. */
export const warmUp = (workload: Workload, durationMs: number): Promise<Measured> =>
  runWriters(WRITERS, durationMs, (w, i) => workload.append(`bench-warm${w}-${i}`, 0, 1));
