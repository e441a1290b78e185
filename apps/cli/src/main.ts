import { runCli } from './cli';
import { CommandRegistry } from './command-registry';
import { commands } from './commands';
import { ExitCode } from './exit-codes';
import { packageVersion } from './version';

async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    commands: new CommandRegistry(commands),
    version: packageVersion(),
  });
  // Success may leave work running (`up` leaves the service listening), so the process ends when that
  // work does. A failed command must not hang on whatever it left open.
  if (code === ExitCode.ok) process.exitCode = code;
  else process.exit(code);
}

void main();
