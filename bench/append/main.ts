import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runInChild } from '../support/child';
import { createScratchDatabase, describeServer, openBenchServer } from '../support/server';
import { CONTENDER_NAMES, ContenderName } from './contender';
import type { ContenderJob, ContenderReply } from './contender-process';
import { appendReport } from './report';
import { AppendSettings, ContenderRun } from './results';

const ROOT = join(__dirname, '..', '..', '..');
const CONTENDER_SCRIPT = join(__dirname, 'contender-process.js');
const DEFAULTS = { rounds: 3, seconds: 3 };
const READS = { page: 1000, streamReads: 10, globalEvents: 100_000 };

const USAGE = `npm run bench -- append [--rounds N] [--seconds S] [--contenders annals,raw,emmett]
  --rounds      rounds of all contenders, alternating (default ${DEFAULTS.rounds}); the report gives medians
  --seconds     duration of each write scenario (default ${DEFAULTS.seconds})
  --contenders  which to run, in this order within each round (default all)
The database server: DATABASE_URL if set, else postgres://postgres@127.0.0.1:5432/postgres if it answers,
else an embedded server under .annals/bench. Each contender run gets a fresh database, dropped afterwards.`;

/** `npm run bench -- append`: every contender in its own process, alternating, round after round. */
export async function main(args: string[]): Promise<number> {
  const options = parseOptions(args);
  if (!options) {
    console.error(USAGE);
    return 2;
  }
  const settings: AppendSettings = { seconds: options.seconds, ...READS };
  const started = performance.now();
  const server = await openBenchServer(ROOT);
  try {
    const facts = await describeServer(server.adminUrl);
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `Node ${process.version}; PostgreSQL ${facts.version} at ${server.origin} ` +
        `(${Object.entries(facts.settings)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})`,
    );
    console.log(
      `settings: ${options.rounds} round(s) of ${options.contenders.join(', ')}; ` +
        `${settings.seconds} s per write scenario; pages of ${settings.page}; load average ${load()}`,
    );
    const runs: ContenderRun[] = [];
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const contender of options.contenders) {
        console.log(`round ${round}/${options.rounds}: ${contender}`);
        runs.push(await runContender(server.adminUrl, contender, settings));
      }
    }
    console.log('');
    appendReport(runs, options.rounds).forEach((line) => console.log(line));
    console.log(
      `\ntotal time ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()}`,
    );
    return 0;
  } finally {
    await server.stop();
  }
}

async function runContender(
  adminUrl: string,
  contender: ContenderName,
  settings: AppendSettings,
): Promise<ContenderRun> {
  const database = await createScratchDatabase(adminUrl, contender);
  try {
    const reply = await runInChild<ContenderJob, ContenderReply>(CONTENDER_SCRIPT, {
      contender,
      url: database.url,
      settings,
    });
    if ('error' in reply) throw new Error(`${contender} failed: ${reply.error}`);
    return reply.run;
  } finally {
    await database.drop();
  }
}

/** The machine's 1, 5 and 15-minute load averages: other work on it skews every figure. */
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface Options {
  readonly rounds: number;
  readonly seconds: number;
  readonly contenders: ContenderName[];
}

function parseOptions(args: string[]): Options | undefined {
  try {
    const { values } = parseArgs({
      args,
      options: {
        rounds: { type: 'string', default: String(DEFAULTS.rounds) },
        seconds: { type: 'string', default: String(DEFAULTS.seconds) },
        contenders: { type: 'string', default: CONTENDER_NAMES.join(',') },
        help: { type: 'boolean', default: false },
      },
    });
    const rounds = Number(values.rounds);
    const seconds = Number(values.seconds);
    const contenders = values.contenders.split(',').map((name) => name.trim());
    const known = (name: string): name is ContenderName =>
      (CONTENDER_NAMES as readonly string[]).includes(name);
    if (
      values.help ||
      !Number.isInteger(rounds) ||
      rounds < 1 ||
      !(seconds > 0) ||
      !contenders.every(known)
    ) {
      return undefined;
    }
    return { rounds, seconds, contenders: contenders.filter(known) };
  } catch {
    return undefined;
  }
}
