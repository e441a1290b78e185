import { Measured, timed } from '../support/measure';
import { Contender, STREAM_READ_LIMIT } from './contender';
import { Workload } from './workload';

export const LONG_STREAM = 'bench-long';
const FILL_WRITERS = 4;
/** Annals' default limit per append: the seeding is not measured, so it takes the fewest round trips. */
const FILL_BATCH = 1000;

/**
 * Writes what E reads: a stream of 10,000 events, and enough events in all for the global read.
 * Not measured.
 */
export async function seedReads(workload: Workload, globalEvents: number): Promise<void> {
  for (let version = 0; version < STREAM_READ_LIMIT; version += FILL_BATCH) {
    await workload.append(LONG_STREAM, version, FILL_BATCH);
  }
  const missingBatches = Math.ceil(Math.max(0, globalEvents - workload.acknowledged) / FILL_BATCH);
  await Promise.all(
    Array.from({ length: FILL_WRITERS }, async (_, w) => {
      for (let i = 0; i * FILL_WRITERS + w < missingBatches; i += 1) {
        await workload.append(`bench-fill${w}`, i * FILL_BATCH, FILL_BATCH);
      }
    }),
  );
}

/** E: reads the whole 10,000-event stream, `times` times over. */
export const readLongStream = (contender: Contender, times: number): Promise<Measured> =>
  timed(async () => {
    let events = 0;
    for (let i = 0; i < times; i += 1) events += await contender.readStream(LONG_STREAM);
    return events;
  });

/** E: reads the first `events` events of the global order, `page` at a time. */
export const readGlobalOrder = (contender: Contender, events: number, page: number): Promise<Measured> =>
  timed(async () => {
    const reader = contender.openGlobalOrder();
    let read = 0;
    while (read < events) {
      const batch = await reader.next(Math.min(page, events - read));
      if (batch.count === 0) break;
      read += batch.count;
    }
    return read;
  });
