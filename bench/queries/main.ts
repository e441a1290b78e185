import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { EVENT_CATALOG } from '@annals/contracts';
import { EventStore } from '@annals/event-store';
import { createDatabase, createPool } from '@annals/platform';
import { generateApiKey } from '@annals/platform/auth/api-key';
import { findFreePort } from '@annals/platform/database/port-probe';
import { allProjections } from '@annals/projections/nest/projections.module';
import { measureCatchUp } from '../projections/catch-up';
import { DataSetSamples } from '../support/dataset';
import { createDataSetDatabase } from '../support/dataset-database';
import { describeDataSet } from '../support/dataset-report';
import { LatencySummary, runTimed, summarizeLatencies } from '../support/measure';
import { countOption } from '../support/options';
import { describeServer, openBenchServer } from '../support/server';
import { startServiceProcess } from '../support/service';
import { libraryQueries, LibraryQueries } from './library-queries';
import { QUERY_ROUTES, QueryRoute } from './routes';

const ROOT = join(__dirname, '..', '..', '..');
/** The goal for detail routes: p99 under this many milliseconds. */
const DETAIL_P99_GOAL_MS = 50;
/** The service's pool (DATABASE_POOL_SIZE's default): the baseline gets the same number of connections. */
const POOL_SIZE = 10;
const WARM_UP_MS = 1000;

interface RouteResult {
  readonly route: QueryRoute;
  readonly http?: LatencySummary;
  readonly library?: LatencySummary;
  /** Why the route was not measured. */
  readonly skipped?: string;
}

/**
 * `npm run bench -- queries [--events 1000000] [--seconds 5] [--connections 32]`: latency of the list,
 * detail and metrics routes of the service (its own process) under `connections` concurrent keep-alive
 * connections, beside the same queries called through the library by as many concurrent callers in
 * this process, alternating route by route, on the projected data set.
 */
export async function main(args: readonly string[]): Promise<number> {
  const events = countOption(args, 'events', 1_000_000);
  const seconds = countOption(args, 'seconds', 5);
  const connections = countOption(args, 'connections', 32);
  const runStarted = performance.now();
  const server = await openBenchServer(ROOT);
  const results: RouteResult[] = [];
  try {
    const facts = await describeServer(server.adminUrl);
    console.log(`server: ${server.origin}, PostgreSQL ${facts.version}, ${JSON.stringify(facts.settings)}`);
    const database = await createDataSetDatabase(server.adminUrl, 'query', events, console.log);
    try {
      const { db, dataSet, scratch } = database;
      for (const line of describeDataSet(dataSet, EVENT_CATALOG)) console.log(line);
      const projected = await measureCatchUp({
        db,
        url: scratch.url,
        store: new EventStore(db, { limits: { maxEventDataBytes: 262144, maxEventsPerAppend: 1000 } }),
        projections: allProjections(),
        batchSize: 2000,
        synchronousCommit: false,
        head: dataSet.ledgerHead,
        eventTypes: dataSet.eventTypes,
      });
      console.log(
        `projected in ${projected.seconds.toFixed(1)} s (not measured here: see the projections bench)`,
      );
      await sql`analyze`.execute(db);

      const adminKey = generateApiKey().token;
      const port = await findFreePort();
      const service = await startServiceProcess(ROOT, scratch.url, port, {
        ANNALS_ADMIN_KEY: adminKey,
        // The default 1,200 requests a minute per key would measure the limiter, not the queries.
        ANNALS_RATE_LIMIT_PER_MINUTE: '0',
        DATABASE_POOL_SIZE: String(POOL_SIZE),
      });
      const libraryDb = createDatabase<any>(
        createPool({ url: scratch.url, poolSize: POOL_SIZE, applicationName: 'annals-bench-library' }),
      );
      try {
        const http = httpClient(`http://127.0.0.1:${port}`, adminKey);
        const queries = libraryQueries(libraryDb);
        for (const route of QUERY_ROUTES) {
          results.push(await measureRoute(route, http, queries, dataSet.samples, connections, seconds));
          const r = results.at(-1)!;
          console.log(
            r.skipped
              ? `${r.route.name}: skipped (${r.skipped})`
              : `${r.route.name}: HTTP p99 ${ms(r.http!.p99)} ms, library p99 ${ms(r.library!.p99)} ms`,
          );
        }
      } finally {
        await stopService(service);
        await libraryDb.destroy();
      }
    } finally {
      await database.close();
    }
  } finally {
    await server.stop();
  }
  report(results, connections, seconds);
  console.log(`\ntotal ${((performance.now() - runStarted) / 1000).toFixed(0)} s`);
  return 0;
}

type HttpGet = (path: string) => Promise<{ status: number; body: string }>;

function httpClient(base: string, adminKey: string): HttpGet {
  return async (path) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${adminKey}` } });
    return { status: response.status, body: await response.text() };
  };
}

async function measureRoute(
  route: QueryRoute,
  http: HttpGet,
  queries: LibraryQueries,
  samples: DataSetSamples,
  connections: number,
  seconds: number,
): Promise<RouteResult> {
  const probe = await http(route.path(samples, 0));
  if (probe.status !== 200) {
    // Nest's own 404 for a path it has no route for carries no problem code; a missing entity's does.
    const missingRoute = probe.status === 404 && !probe.body.includes('"code"');
    return {
      route,
      skipped: missingRoute
        ? 'the service has no such route yet'
        : `answered ${probe.status}: ${probe.body.slice(0, 200)}`,
    };
  }
  const request = async (worker: number, iteration: number) => {
    const { status, body } = await http(route.path(samples, worker * 100_003 + iteration));
    if (status !== 200) throw new Error(`${status}: ${body.slice(0, 200)}`);
  };
  const call = (worker: number, iteration: number) =>
    route.library(queries, samples, worker * 100_003 + iteration).then(() => undefined);
  await runTimed(connections, WARM_UP_MS, request);
  const httpRun = await runTimed(connections, seconds * 1000, request);
  await runTimed(connections, WARM_UP_MS, call);
  const libraryRun = await runTimed(connections, seconds * 1000, call);
  for (const [side, run] of [
    ['HTTP', httpRun],
    ['library', libraryRun],
  ] as const) {
    if (run.failures > 0)
      console.log(`  ${side}: ${run.failures} failed requests, first: ${run.firstFailure}`);
  }
  return { route, http: summarizeLatencies(httpRun), library: summarizeLatencies(libraryRun) };
}

function report(results: readonly RouteResult[], connections: number, seconds: number): void {
  console.log(
    `\n${connections} concurrent, ${seconds} s per route and side; latencies in ms; ` +
      `goal: p99 < ${DETAIL_P99_GOAL_MS} ms on detail routes\n`,
  );
  console.log(
    '| route | HTTP req/s | HTTP p50 | HTTP p99 | library req/s | library p50 | library p99 | HTTP/library p50 | goal |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const { route, http, library, skipped } of results) {
    if (skipped || !http || !library) {
      console.log(`| ${route.name} | skipped: ${skipped} | | | | | | | |`);
      continue;
    }
    const goal =
      route.kind !== 'detail'
        ? '-'
        : http.p99 < DETAIL_P99_GOAL_MS
          ? 'met'
          : `**missed** (${(http.p99 / DETAIL_P99_GOAL_MS).toFixed(1)}x the goal)`;
    const failures =
      http.failures + library.failures > 0 ? ` (${http.failures}/${library.failures} failed)` : '';
    console.log(
      `| ${route.name}${failures} | ${Math.round(http.perSecond)} | ${ms(http.p50)} | ${ms(http.p99)} | ` +
        `${Math.round(library.perSecond)} | ${ms(library.p50)} | ${ms(library.p99)} | ` +
        `${(http.p50 / library.p50).toFixed(1)}x | ${goal} |`,
    );
  }
}

const ms = (value: number) => value.toFixed(1);

async function stopService(service: ChildProcess): Promise<void> {
  service.kill('SIGTERM');
  await new Promise((resolve) => service.once('exit', resolve));
}
