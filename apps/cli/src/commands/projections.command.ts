import type { Kysely } from 'kysely';
import { AnnalsRuntime, loadConfig } from '@annals/platform';
import { EventStore } from '@annals/event-store';
import {
  allProjections,
  CheckpointRepository,
  ProjectionBuildsRepository,
  ProjectionStatus,
  ProjectionStatusReader,
  ReplayVerification,
  ReplayVerifier,
  UnknownProjectionError,
} from '@annals/projections';
import { CliContext, UsageError } from '../command';
import { defineCommandGroup } from '../command-group';
import { ExitCode } from '../exit-codes';

const options = {
  at: {
    type: 'string',
    valueName: 'N',
    description:
      'verify: compare at this ledger position (default: the live checkpoint; the live tables must stand at it)',
  },
  json: { type: 'boolean', description: 'Print the result as JSON' },
} as const;

function atOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
    throw new UsageError(`--at must be a ledger position (an integer >= 0), got '${value}'`);
  return n;
}

/** Runs `work` against the database of DATABASE_URL (or the embedded one), as `migrate` does. */
async function withDatabase<T>(
  context: CliContext,
  work: (db: Kysely<any>, store: EventStore) => Promise<T>,
): Promise<T> {
  const config = loadConfig(context.env);
  const runtime = await AnnalsRuntime.open(config, {
    migrate: false,
    applicationName: 'annals-projections',
    log: context.err,
  });
  try {
    return await work(runtime.db, new EventStore(runtime.db, { limits: config.store }));
  } catch (error) {
    if (error instanceof UnknownProjectionError) {
      const names = allProjections().map((p) => p.name);
      throw new UsageError(`unknown projection '${error.projection}': one of ${names.join(', ')}`);
    }
    throw error;
  } finally {
    await runtime.close();
  }
}

const statusReader = (db: Kysely<any>, store: EventStore) =>
  new ProjectionStatusReader(
    allProjections(),
    new CheckpointRepository(db),
    new ProjectionBuildsRepository(db),
    store,
  );

const describeStatus = (s: ProjectionStatus): string =>
  [
    s.name.padEnd(14),
    `v${s.version}`,
    s.state.padEnd(11),
    `position ${s.position}`,
    `lag ${s.lag}`,
    ...(s.build
      ? [`build v${s.build.version} at ${s.build.position} (${Math.floor(s.build.progress * 100)}%)`]
      : []),
  ].join('  ');

function describeVerification(report: ReplayVerification): string[] {
  const lines = [
    `${report.name} v${report.version} at position ${report.position}: ${report.match ? 'match' : 'MISMATCH'}`,
  ];
  for (const table of report.tables) {
    lines.push(
      `  ${table.table}: ${table.match ? 'match' : 'mismatch'} (live ${table.live.rows} rows, rebuilt ${table.rebuilt.rows})`,
    );
    for (const difference of table.differences) {
      lines.push(`    key ${JSON.stringify(difference.key)}`);
      lines.push(`      live:    ${JSON.stringify(difference.live)}`);
      lines.push(`      rebuilt: ${JSON.stringify(difference.rebuilt)}`);
    }
  }
  return lines;
}

export const projectionsCommand = defineCommandGroup({
  name: 'projections',
  summary: 'Projection status, rebuilds and replay verification',
  options,
  subcommands: [
    {
      name: 'status',
      summary: 'Each projection: version, state, position, lag, rebuild progress',
      usage: 'status [--json]',
      options: ['json'],
      async run({ values }, context) {
        const statuses = await withDatabase(context, (db, store) => statusReader(db, store).statuses());
        if (values.json) context.out(JSON.stringify({ items: statuses }));
        else statuses.forEach((status) => context.out(describeStatus(status)));
        return ExitCode.ok;
      },
    },
    {
      name: 'rebuild',
      summary: 'Ask for a rebuild beside the live tables; the leading runner swaps it in when caught up',
      usage: 'rebuild <name> [--json]',
      options: ['json'],
      maxPositionals: 1,
      async run({ values, positionals: [name] }, context) {
        if (name === undefined) throw new UsageError('missing the projection name');
        const status = await withDatabase(context, (db, store) =>
          statusReader(db, store).requestRebuild(name),
        );
        context.out(values.json ? JSON.stringify(status) : describeStatus(status));
        return ExitCode.ok;
      },
    },
    {
      name: 'verify',
      summary: 'Replay into scratch tables and compare with the live ones; exit 1 on a mismatch',
      usage: 'verify <name> [--at <N>] [--json]',
      options: ['at', 'json'],
      maxPositionals: 1,
      async run({ values, positionals: [name] }, context) {
        if (name === undefined) throw new UsageError('missing the projection name');
        const at = atOption(values.at);
        const report = await withDatabase(context, (db, store) =>
          new ReplayVerifier(db, store, allProjections()).verify(name, at),
        );
        if (values.json) context.out(JSON.stringify(report));
        else describeVerification(report).forEach((line) => context.out(line));
        return report.match ? ExitCode.ok : ExitCode.failure;
      },
    },
  ],
});
