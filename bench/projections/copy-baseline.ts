import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Kysely, sql } from 'kysely';
import { Measured } from '../support/measure';

/**
 * The baseline of the catch-up: the same ledger events, with every column of the envelope the
 * projections read (position, ids, stream, version, type, schema version, data, metadata, times,
 * hash), written into one plain table with no index, in one statement. It is what the database does
 * with those rows when nothing decides anything about them.
 */
const TABLE = 'bench_copy_baseline';
const ENVELOPE_SELECT =
  'select l.position, e.event_id, e.stream_id, e.stream_type, e.version, e.type, e.schema_version, ' +
  'e.data, e.metadata, e.occurred_at, e.recorded_at, e.hash ' +
  'from ledger l join events e on e.seq = l.event_seq order by l.position';

export type BaselineKind = 'copy' | 'insert-select';

export interface Baseline extends Measured {
  readonly kind: BaselineKind;
  /** How it was done, for the report. */
  readonly method: string;
}

/** psql is the client that speaks COPY FROM STDIN here (pg-copy-streams is not a dependency). */
export const psqlAvailable = (): boolean => spawnSync('psql', ['--version']).status === 0;

/**
 * `COPY (ledger join events) TO STDOUT | COPY bench_copy_baseline FROM STDIN`, through two psql
 * processes: the rows leave the server as COPY text and come back through COPY FROM STDIN, as a
 * loader would send them.
 */
export async function measureCopy(db: Kysely<any>, url: string): Promise<Baseline> {
  await recreateTable(db);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const shell = spawn(
      'sh',
      [
        '-c',
        `psql -X -q -v ON_ERROR_STOP=1 "$BENCH_URL" -c "$COPY_OUT" | psql -X -q -v ON_ERROR_STOP=1 "$BENCH_URL" -c "$COPY_IN"`,
      ],
      {
        env: {
          ...process.env,
          BENCH_URL: url,
          COPY_OUT: `\\copy (${ENVELOPE_SELECT}) to stdout`,
          COPY_IN: `\\copy ${TABLE} from stdin`,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    shell.once('error', reject);
    shell.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`psql COPY exited with ${code}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    kind: 'copy',
    method: 'psql COPY TO STDOUT piped to psql COPY FROM STDIN',
    events: await count(db),
    seconds,
  };
}

/** The same rows with `insert into ... select`, all inside the server: no client, no text format. */
export async function measureInsertSelect(db: Kysely<any>): Promise<Baseline> {
  await recreateTable(db);
  const started = performance.now();
  await sql.raw(`insert into ${TABLE} ${ENVELOPE_SELECT}`).execute(db);
  const seconds = (performance.now() - started) / 1000;
  return {
    kind: 'insert-select',
    method: 'insert into ... select (server side)',
    events: await count(db),
    seconds,
  };
}

async function recreateTable(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists ${TABLE}`).execute(db);
  await sql.raw(`create table ${TABLE} as ${ENVELOPE_SELECT} limit 0`).execute(db);
  // The previous round's dead pages must not be flushed on this one's clock.
  await sql`checkpoint`.execute(db);
}

async function count(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(TABLE)}`.execute(db);
  return Number(rows[0].n);
}
