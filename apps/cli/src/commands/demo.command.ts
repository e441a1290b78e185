import { AnnalsRuntime, loadConfig } from '@annals/platform';
import { CliContext, defineCommand, UsageError } from '../command';
import { DemoRepository } from '../demo/demo.repository';
import {
  DemoOptionError,
  DemoPlan,
  parseRequestedDemo,
  planDemoRun,
  RequestedDemo,
} from '../demo/demo-options';
import { DEFAULT_DEMO_BATCH_SIZE, DemoRunResult, runDemoScenario } from '../demo/demo-runner';
import { DemoOptions, generateDemoScenario, summarizeScenario } from '../demo/demo-scenario';
import { ProgressBar } from '../progress';
import { ExitCode } from '../exit-codes';

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'Seed a realistic demo data set (90 days of workflows, tasks, decisions, deployments)',
  usage: 'demo [--seed <N>] [--scale <N>] [--days <N>] [--now <TIME>] [--force] [--json]',
  options: {
    seed: { type: 'string', valueName: 'N', description: 'Which data set: same seed, same data (default 1)' },
    scale: {
      type: 'string',
      valueName: 'N',
      description: 'Multiply the volume: 6 workflows and 300 tasks each (default 1)',
    },
    days: {
      type: 'string',
      valueName: 'N',
      description: 'How many days back the data set reaches (default 90)',
    },
    now: {
      type: 'string',
      valueName: 'TIME',
      description: 'The end of the window, ISO 8601 with offset (default now)',
    },
    force: {
      type: 'boolean',
      description: 'Run even though demo data exists (a rerun of a seed writes only what is missing)',
    },
    json: { type: 'boolean', description: 'Print the summary as one JSON object' },
  },
  async run({ values }, context) {
    let requested: RequestedDemo;
    try {
      requested = parseRequestedDemo(values, () => new Date());
    } catch (error) {
      if (error instanceof DemoOptionError) throw new UsageError(error.message);
      throw error;
    }
    const config = loadConfig(context.env);
    const runtime = await AnnalsRuntime.open(config, { applicationName: 'annals-demo', log: context.err });
    try {
      const existing = await new DemoRepository(runtime.db).manifests();
      const plan = planDemoRun(requested, existing, values.force === true, () => new Date());
      if (plan.kind === 'refuse') {
        context.err(`annals demo: ${plan.reason}`);
        return ExitCode.failure;
      }
      const scenario = generateDemoScenario(plan.options);
      // A bar only where someone watches it: a pipe or a log file would get one line per redraw.
      const progress = process.stderr.isTTY ? new ProgressBar(process.stderr, 'commands') : undefined;
      let result: DemoRunResult;
      try {
        result = await runDemoScenario(scenario, {
          url: runtime.databaseUrl,
          db: runtime.db,
          limits: config.store,
          sequencer: config.sequencer,
          batchSize: DEFAULT_DEMO_BATCH_SIZE,
          onProgress: progress && ((done, total) => progress.update(done, total)),
          log: (message) => (progress ? progress.interrupt(message) : context.err(message)),
        });
      } finally {
        progress?.finish();
      }
      report(context, plan, result, summarizeScenario(scenario.commands), values.json === true);
      return ExitCode.ok;
    } finally {
      await runtime.close();
    }
  },
});

function report(
  context: CliContext,
  plan: Extract<DemoPlan, { kind: 'run' }>,
  result: DemoRunResult,
  counts: Record<string, number>,
  json: boolean,
): void {
  const { seed, scale, days, now }: DemoOptions = plan.options;
  if (json) {
    context.out(
      JSON.stringify({ seed, scale, days, now: now.toISOString(), rerun: plan.rerun, ...result, counts }),
    );
    return;
  }
  context.out(`Demo data set ${seed}: scale ${scale}, ${days} days up to ${now.toISOString()}`);
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [kind, count] of Object.entries(counts)) context.out(`  ${kind.padEnd(width)}  ${count}`);
  context.out(
    `${result.commands} commands: ${result.written} written (${result.eventsWritten} events), ` +
      `${result.replayed} already stored; ledger position ${result.ledgerPosition ?? 'none'}; ` +
      `${(result.elapsedMs / 1000).toFixed(1)} s`,
  );
  context.out("Next: 'annals up' serves it (REST on :3000, /docs); the projector builds the read tables.");
}
