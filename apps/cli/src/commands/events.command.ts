import type { Kysely } from 'kysely';
import { AnnalsRuntime, loadConfig } from '@annals/platform';
import { EventEnvelope, EventStore, LedgerNotifier } from '@annals/event-store';
import { UsageError } from '../command';
import { defineCommandGroup } from '../command-group';
import { ExitCode } from '../exit-codes';

const EVENT_TYPE = /^[A-Za-z0-9._:-]{1,200}$/;
const MAX_TYPES = 50;

const options = {
  after: {
    type: 'string',
    valueName: 'N',
    description: 'Start after this ledger position (default: the head, i.e. only new events; 0 for all)',
  },
  type: {
    type: 'string',
    multiple: true,
    valueName: 'TYPE',
    description: 'Only events of this type; repeatable',
  },
  json: { type: 'boolean', description: 'One event envelope per line, as JSON (NDJSON)' },
} as const;

function afterOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--after must be a ledger position (an integer >= 0), got '${value}'`);
  return n;
}

function typesOption(values: readonly string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  if (values.length > MAX_TYPES)
    throw new UsageError(`at most ${MAX_TYPES} --type options, got ${values.length}`);
  const bad = values.find((type) => !EVENT_TYPE.test(type));
  if (bad !== undefined)
    throw new UsageError(`--type '${bad}': expected letters, digits, '.', '_', ':' or '-' (at most 200)`);
  return [...values];
}

const describeEvent = (event: EventEnvelope): string =>
  `${event.position}\t${event.recordedAt}\t${event.streamId}@${event.version}\t${event.type}`;

export const eventsCommand = defineCommandGroup({
  name: 'events',
  summary: 'Follow the ledger',
  options,
  subcommands: [
    {
      name: 'tail',
      summary: 'Print events as the ledger numbers them, until Ctrl-C',
      usage: 'tail [--after <N>] [--type <TYPE>]... [--json]',
      options: ['after', 'type', 'json'],
      async run({ values }, context) {
        const requestedAfter = afterOption(values.after);
        const types = typesOption(values.type);
        const config = loadConfig(context.env);
        const runtime = await AnnalsRuntime.open(config, {
          migrate: false,
          applicationName: 'annals-tail',
          log: context.err,
        });
        const notifier = new LedgerNotifier(runtime.databaseUrl);
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          await notifier.start();
          const store = new EventStore(runtime.db as Kysely<any>, { limits: config.store, waiter: notifier });
          const after = requestedAfter ?? (await store.ledgerHead());
          context.err(`following the ledger after position ${after} (Ctrl-C to stop)`);
          for await (const event of store.subscribe({ after, types, signal: stop.signal }))
            context.out(values.json ? JSON.stringify(event) : describeEvent(event));
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await notifier.stop();
          await runtime.close();
        }
        return ExitCode.ok;
      },
    },
  ],
});
