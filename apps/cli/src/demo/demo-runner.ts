import { Kysely } from 'kysely';
import {
  ALL_COMMANDS,
  CommandExecutor,
  CommandFailedError,
  CommandRegistry,
  CommandResult,
  InvalidCommandError,
} from '@annals/commands';
import { EVENT_CATALOG } from '@annals/contracts';
import {
  AppendLimits,
  AppendSignal,
  EventMetadata,
  EventStore,
  LedgerNotifier,
  PositionTimeoutError,
  Sequencer,
} from '@annals/event-store';
import { DEMO_ACTOR_ID, DemoCommand, DemoScenario } from './demo-scenario';

export interface DemoRunOptions {
  readonly url: string;
  readonly db: Kysely<any>;
  readonly limits: AppendLimits;
  readonly sequencer: { readonly batchSize: number; readonly pollIntervalMs: number };
  /** Commands per transaction. */
  readonly batchSize: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** How long a ledger held back by someone's open transaction may delay the run (default 2 minutes). */
  readonly ledgerWaitMs?: number;
  readonly log?: (message: string) => void;
}

export interface DemoRunResult {
  readonly commands: number;
  /** Commands that wrote their events in this run. */
  readonly written: number;
  /** Commands an earlier run had already written: recognised by their idempotency keys, nothing written. */
  readonly replayed: number;
  readonly eventsWritten: number;
  /** The ledger position of the last event of the data set. */
  readonly ledgerPosition: number | null;
  readonly elapsedMs: number;
}

export const DEFAULT_DEMO_BATCH_SIZE = 250;
const DEFAULT_LEDGER_WAIT_MS = 120_000;

/** A command of the data set was refused: the batches before its own are stored, its batch is not. */
export class DemoCommandError extends Error {
  constructor(
    readonly index: number,
    readonly command: DemoCommand,
    /** How many commands earlier batches stored. */
    readonly stored: number,
    cause: unknown,
  ) {
    super(
      `command ${index + 1} (${command.type} ${command.id}) was refused: ${describe(cause)}. ` +
        `The ${stored} commands before its batch are stored; its batch wrote nothing`,
    );
    this.name = 'DemoCommandError';
  }
}

/**
 * Executes the data set through the real CommandExecutor, as REST's batch route does (same
 * validation, deciders and idempotency), one transaction per batch, recorded as actor `annals-demo`
 * over transport `cli`.
 *
 * The executor waits for the ledger positions of what it wrote, and a CLI process has no sequencer of
 * its own: so this runs one for the length of the run. Sequencers elect a leader by advisory lock, so
 * when a service (or worker) is running against the same database, this one only stands by and the
 * service's numbers the events; when none is, this one leads and the ledger is complete on return.
 * It does not seal: the service's sequencer seals the range when it next runs.
 */
export async function runDemoScenario(
  scenario: DemoScenario,
  options: DemoRunOptions,
): Promise<DemoRunResult> {
  const started = Date.now();
  const notifier = new LedgerNotifier(options.url);
  const signal = new AppendSignal(options.url);
  const sequencer = new Sequencer({
    url: options.url,
    ...options.sequencer,
    name: 'demo sequencer',
    log: options.log,
  });
  await notifier.start();
  sequencer.start();
  try {
    const store = new EventStore(options.db, {
      limits: options.limits,
      waiter: notifier,
      onCommitted: () => signal.signal(),
    });
    const executor = new CommandExecutor(store, new CommandRegistry(ALL_COMMANDS), EVENT_CATALOG);
    const metadata: EventMetadata = {
      actor: { id: DEMO_ACTOR_ID },
      transport: 'cli',
      correlationId: `${DEMO_ACTOR_ID}:${scenario.options.seed}`,
    };
    const { commands } = scenario;
    let written = 0;
    let eventsWritten = 0;
    let ledgerPosition: number | null = null;
    options.onProgress?.(0, commands.length);
    for (let from = 0; from < commands.length; from += options.batchSize) {
      const batch = commands.slice(from, from + options.batchSize);
      const { results, writtenEarlier } = await executeBatch(executor, batch, from, metadata, options);
      for (const result of results) {
        if (!result.replayed || writtenEarlier) {
          written += 1;
          eventsWritten += result.events.length;
        }
        if (result.position !== null) ledgerPosition = Math.max(ledgerPosition ?? 0, result.position);
      }
      options.onProgress?.(from + batch.length, commands.length);
    }
    return {
      commands: commands.length,
      written,
      replayed: commands.length - written,
      eventsWritten,
      ledgerPosition,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await sequencer.stop();
    await notifier.stop();
    await signal.close();
  }
}

/**
 * One transaction for the batch. The executor commits, then waits (10 s) for the ledger positions; when
 * an open transaction on the server holds the ledger back, the batch is committed but unnumbered, and
 * running it again is safe: its idempotency keys return the stored results, waiting again for the
 * positions. So a stalled ledger delays the demo up to `ledgerWaitMs` instead of failing it.
 */
async function executeBatch(
  executor: CommandExecutor,
  batch: readonly DemoCommand[],
  from: number,
  metadata: EventMetadata,
  options: DemoRunOptions,
): Promise<{ results: CommandResult[]; writtenEarlier: boolean }> {
  const deadline = Date.now() + (options.ledgerWaitMs ?? DEFAULT_LEDGER_WAIT_MS);
  let writtenEarlier = false;
  for (;;) {
    try {
      // Replays after a timeout are this run's own writes, not an earlier run's.
      return { results: await executor.execute(batch, { metadata, batch: true }), writtenEarlier };
    } catch (error) {
      if (error instanceof CommandFailedError) {
        throw new DemoCommandError(from + error.index, batch[error.index], from, error.cause);
      }
      if (!(error instanceof PositionTimeoutError)) throw error;
      const stalled =
        `${error.message}: an open transaction somewhere on the PostgreSQL server (transaction ids are ` +
        `cluster-wide) holds the ledger back. The first ${from + batch.length} commands are stored`;
      if (Date.now() >= deadline) {
        throw new Error(
          `${stalled}; once it ends, 'annals demo --force' with the same seed completes the data set`,
        );
      }
      if (!writtenEarlier) options.log?.(`${stalled}; waiting for it`);
      writtenEarlier = true;
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof InvalidCommandError) {
    return `${error.message} (${error.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})`;
  }
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
