import { performance } from 'node:perf_hooks';
import { Kysely } from 'kysely';
import { EVENT_CATALOG } from '@annals/contracts';
import { EventMetadata, EventStore, NewEvent, Sequencer, StreamAppend } from '@annals/event-store';
import { DemoCommand, generateDemoScenario } from '../../apps/cli/src/demo/demo-scenario';
import { DecidedCommand, packAppends } from './append-packing';
import { InMemoryReplay } from './in-memory-replay';

/**
 * One demo scenario per seed at this scale (about 45,000 events each): the generator's cost grows
 * faster than its scale (scale 50 takes 10 s, scale 10 about 1 s), and one seed's streams are held in
 * memory only while it is written.
 */
export const SCALE_PER_SEED = 10;
/** Events per append: whole commands, no stream twice (see packAppends). */
const MAX_EVENTS_PER_APPEND = 1000;
/** Appends per transaction: fewer commits; the ledger keeps the order of the appends of a transaction. */
const APPENDS_PER_TRANSACTION = 100;
/** Seeds appended at once: the server's work per event is what bounds the rate, on two cores here. */
const APPENDING_SEEDS = 2;
const DATASET_ACTOR = 'annals-bench';

export interface DataSetOptions {
  /** Stop once this many events are written (the last scenario is cut at a command boundary). */
  readonly events: number;
  readonly db: Kysely<any>;
  readonly url: string;
  /** The end of the 90-day window the data set spans (default: today, 00:00 UTC). */
  readonly now?: Date;
  readonly log?: (message: string) => void;
}

/** Ids of a few entities of each kind, for the detail routes of the query benchmark. */
export interface DataSetSamples {
  readonly workflow: string[];
  readonly task: string[];
  readonly decision: string[];
  readonly deployment: string[];
  readonly snapshot: string[];
}

export interface DataSet {
  readonly events: number;
  readonly commands: number;
  readonly seeds: number;
  readonly streams: number;
  /** Events by type: every projection has work when every aggregate shows up here. */
  readonly eventTypes: Record<string, number>;
  /** The ledger position of the last event (all events are numbered on return). */
  readonly ledgerHead: number;
  readonly samples: DataSetSamples;
  readonly now: Date;
  /** Generating and deciding the commands in memory, and appending them (the two overlap). */
  readonly writeSeconds: number;
  /** Numbering them in the ledger, after the last append. */
  readonly sequenceSeconds: number;
}

/** Per seed, so that the detail routes read entities from all over the data set. */
const SAMPLES_PER_SEED = 20;

/**
 * Writes a realistic data set: the demo scenario (`annals demo`: workflows, phases, tasks with their
 * whole life, decisions, snapshots, deployments with failures and rollbacks over 90 days) for seeds 1,
 * 2, ... until `events` are written. Each command runs through its real definition (the deciders) on
 * streams folded in memory, so the events are exactly what the service would store; they are appended
 * with EventStore in large transactions, then the Sequencer numbers them. The first seed's events are
 * also checked against the event catalog's JSON Schemas.
 */
export async function writeDataSet(options: DataSetOptions): Promise<DataSet> {
  const now = options.now ?? startOfDayUtc(new Date());
  const store = new EventStore(options.db, {
    limits: { maxEventDataBytes: 1 << 20, maxEventsPerAppend: MAX_EVENTS_PER_APPEND },
  });
  const eventTypes: Record<string, number> = {};
  const samples: DataSetSamples = { workflow: [], task: [], decision: [], deployment: [], snapshot: [] };
  const metadata = (seed: number) => ({
    actor: { id: DATASET_ACTOR },
    transport: 'cli',
    correlationId: `${DATASET_ACTOR}:${seed}`,
  });
  let events = 0;
  let commands = 0;
  let streams = 0;
  let seed = 0;
  const started = performance.now();
  // Seeds are appended while the next is decided (the append waits on the server, deciding is Node's
  // CPU), up to APPENDING_SEEDS at once on their own connections: their streams are disjoint.
  const appending = new Set<Promise<void>>();
  while (events < options.events) {
    seed += 1;
    const scenario = generateDemoScenario({ seed, scale: SCALE_PER_SEED, days: 90, now });
    const replay = new InMemoryReplay(now);
    const sampled = new Map<keyof DataSetSamples, number>();
    const decided: DecidedCommand[] = [];
    for (const [index, command] of scenario.commands.entries()) {
      if (events >= options.events) break;
      // Let the pending append's replies in: awaiting resolved promises never yields to I/O.
      if (index % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      const changes = await replay.decide(command);
      if (seed === 1) checkAgainstCatalog(command, changes);
      for (const change of changes) {
        for (const e of change.events) eventTypes[e.type] = (eventTypes[e.type] ?? 0) + 1;
        events += change.events.length;
      }
      sample(samples, sampled, command);
      decided.push({ changes });
      commands += 1;
    }
    streams += replay.streams;
    if (appending.size >= APPENDING_SEEDS) await Promise.race(appending);
    const append = appendInTransactions(store, packAppends(decided, MAX_EVENTS_PER_APPEND), metadata(seed));
    appending.add(append);
    void append.then(
      () => appending.delete(append),
      () => undefined,
    );
    options.log?.(`data set: seed ${seed} decided, ${events.toLocaleString('en-US')} events`);
  }
  await Promise.all(appending);
  const written = performance.now();
  const ledgerHead = await numberAll(options.url, store, events);
  return {
    events,
    commands,
    seeds: seed,
    streams,
    eventTypes,
    ledgerHead,
    samples,
    now,
    writeSeconds: (written - started) / 1000,
    sequenceSeconds: (performance.now() - written) / 1000,
  };
}

async function appendInTransactions(
  store: EventStore,
  appends: readonly StreamAppend[][],
  metadata: EventMetadata,
): Promise<void> {
  for (let from = 0; from < appends.length; from += APPENDS_PER_TRANSACTION) {
    await store.transaction(async (trx) => {
      for (const append of appends.slice(from, from + APPENDS_PER_TRANSACTION)) {
        await trx.append(append, { metadata });
      }
    });
  }
}

/** Runs a Sequencer until the ledger holds `events` events (the data set is the database's only writer). */
async function numberAll(url: string, store: EventStore, events: number): Promise<number> {
  const sequencer = new Sequencer({ url, batchSize: 10_000, pollIntervalMs: 50, lingerMs: 0 });
  sequencer.start();
  try {
    for (;;) {
      const head = await store.ledgerHead();
      if (head >= events) return head;
      const { lastError } = sequencer.status();
      if (lastError) throw new Error(`the sequencer failed: ${lastError}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await sequencer.stop();
  }
}

function checkAgainstCatalog(command: DemoCommand, changes: { events: NewEvent[] }[]): void {
  for (const event of changes.flatMap((c) => c.events)) {
    const violations = EVENT_CATALOG.violations(event.type, event.data);
    if (violations.length > 0) {
      throw new Error(
        `${command.type} ${command.id} decided a ${event.type} that breaks its schema: ${JSON.stringify(violations)}`,
      );
    }
  }
}

const SAMPLED: Partial<Record<string, keyof DataSetSamples>> = {
  StartWorkflow: 'workflow',
  CreateTask: 'task',
  RecordDecision: 'decision',
  RequestDeployment: 'deployment',
  CaptureSnapshot: 'snapshot',
};

function sample(
  samples: DataSetSamples,
  taken: Map<keyof DataSetSamples, number>,
  command: DemoCommand,
): void {
  const kind = SAMPLED[command.type];
  if (kind === undefined || (taken.get(kind) ?? 0) >= SAMPLES_PER_SEED) return;
  taken.set(kind, (taken.get(kind) ?? 0) + 1);
  samples[kind].push(command.id);
}

function startOfDayUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
