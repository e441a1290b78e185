import { AnnalsRuntime, loadConfig, migrateToLatest } from '@annals/platform';
import { defineCommand } from '../command';
import { ExitCode } from '../exit-codes';

export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'Apply the pending database migrations, then exit',
  usage: 'migrate [--json]',
  options: {
    json: { type: 'boolean', description: 'Print {"applied": [...]} instead of text' },
  },
  async run({ values }, context) {
    // Opened without migrating so that this command, not the runtime, reports what was applied.
    const runtime = await AnnalsRuntime.open(loadConfig(context.env), {
      migrate: false,
      applicationName: 'annals-migrate',
      log: context.err,
    });
    let applied: readonly string[];
    try {
      ({ applied } = await migrateToLatest(runtime.db));
    } finally {
      await runtime.close();
    }
    if (values.json) context.out(JSON.stringify({ applied }));
    else if (applied.length === 0) context.out('up to date');
    else applied.forEach((name) => context.out(`applied ${name}`));
    return ExitCode.ok;
  },
});
