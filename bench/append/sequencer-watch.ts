import { delay, Measured, perSecond, timed } from '../support/measure';
import { SequencerProbe } from './contender';
import { SequencerDrain, SequencerFigures } from './results';

const LAG_SAMPLE_MS = 200;
const CATCH_UP_POLL_MS = 20;
const CATCH_UP_TIMEOUT_MS = 120_000;

/**
 * Runs a write scenario from an empty backlog while sampling the ledger lag, and measures what the
 * sequencer numbered during it and how long it took to number the rest once the writers stopped.
 */
export async function watchSequencer(
  probe: SequencerProbe,
  work: () => Promise<Measured>,
): Promise<{ measured: Measured; sequencer: SequencerFigures }> {
  await waitForSequencer(probe);
  const numberedBefore = probe.numbered();
  let maxLag = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxLag = Math.max(maxLag, await probe.lag());
      await delay(LAG_SAMPLE_MS);
    }
  })();
  const measured = await work();
  const numbered = probe.numbered() - numberedBefore;
  sampling = false;
  await sampler;
  const lagAtEnd = await probe.lag();
  const catchUp = await timed(async () => (await waitForSequencer(probe), 0));
  return {
    measured,
    sequencer: {
      appendedPerSecond: perSecond(measured),
      numberedPerSecond: perSecond({ events: numbered, seconds: measured.seconds }),
      maxLag: Math.max(maxLag, lagAtEnd),
      lagAtEnd,
      catchUpMs: catchUp.seconds * 1000,
    },
  };
}

/** Writes a backlog with the sequencer paused, then measures how fast it numbers it. */
export async function drainBacklog(
  probe: SequencerProbe,
  write: () => Promise<void>,
): Promise<SequencerDrain> {
  await waitForSequencer(probe);
  await probe.pause();
  await write();
  const backlog = await probe.lag();
  probe.resume();
  const drained = await timed(async () => (await waitForSequencer(probe), backlog));
  return { backlog, perSecond: perSecond(drained) };
}

/** Resolves once every committed event is numbered. */
export async function waitForSequencer(probe: SequencerProbe): Promise<void> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  while ((await probe.lag()) > 0) {
    if (Date.now() > deadline) throw new Error(`the sequencer did not catch up in ${CATCH_UP_TIMEOUT_MS} ms`);
    await delay(CATCH_UP_POLL_MS);
  }
}
