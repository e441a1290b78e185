import { createTestDatabase } from '@annals/platform/testing/test-database';
import { runCli } from '../cli';
import { CommandRegistry } from '../command-registry';
import { commands } from '../commands';
it('timing', async () => {
  const database = await createTestDatabase();
  const out: string[] = [];
  const t = Date.now();
  const code = await runCli(['demo'], {
    env: { DATABASE_URL: database.url },
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    commands: new CommandRegistry(commands),
    version: 't',
  });
  console.log(code, Date.now() - t, out.join('\n'));
  await database.drop();
}, 300_000);
