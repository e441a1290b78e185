import { loadConfig } from '@annals/platform';
import { CliCommand, defineCommand, UsageError } from './command';
import { CommandRegistry } from './command-registry';
import { commands } from './commands';
import { ExitCode } from './exit-codes';
import { runCliCaptured } from './testing/run-cli-captured';

interface Captured {
  readonly out: string[];
  readonly err: string[];
}

const run = (
  registry: CommandRegistry,
  argv: string[],
  env: Record<string, string> = {},
): Promise<Captured & { code: number }> =>
  runCliCaptured(argv, { commands: registry, env, version: '1.2.3' });

/** A command whose run does what the test asks, recording what it was given. */
function fakeCommand(name: string, behaviour: () => Promise<number>) {
  const calls: unknown[] = [];
  const command = defineCommand({
    name,
    summary: `The ${name} command`,
    usage: `${name} [--dry-run] [target]`,
    options: { 'dry-run': { type: 'boolean', description: 'Change nothing' } },
    maxPositionals: 1,
    async run(args, context) {
      calls.push(args);
      context.out(`${name} ran`);
      return behaviour();
    },
  });
  return { command, calls };
}

describe('runCli', () => {
  it('dispatches to the named command with its parsed arguments and returns its exit code', async () => {
    const first = fakeCommand('first', async () => ExitCode.ok);
    const second = fakeCommand('second', async () => 3);
    const registry = new CommandRegistry([first.command, second.command]);

    const result = await run(registry, ['second', '--dry-run', 'db']);

    expect(result).toEqual({ code: 3, out: ['second ran'], err: [] });
    expect(second.calls).toEqual([{ values: { 'dry-run': true }, positionals: ['db'] }]);
    expect(first.calls).toEqual([]);
  });

  it('answers a wrong option with exit 2 and the command’s usage on stderr, without running it', async () => {
    const { command, calls } = fakeCommand('sync', async () => ExitCode.ok);

    const result = await run(new CommandRegistry([command]), ['sync', '--force']);

    expect(result.code).toBe(ExitCode.usage);
    expect(result.out).toEqual([]);
    expect(result.err[0]).toBe("annals: unknown option '--force'");
    expect(result.err.join('\n')).toContain('Usage: annals sync [--dry-run] [target]');
    expect(calls).toEqual([]);
  });

  it('answers an unknown command with exit 2 and the list of commands on stderr', async () => {
    const registry = new CommandRegistry([fakeCommand('sync', async () => 0).command]);

    const result = await run(registry, ['synk']);

    expect(result.code).toBe(ExitCode.usage);
    expect(result.out).toEqual([]);
    expect(result.err[0]).toBe("annals: unknown command 'synk'");
    expect(result.err.join('\n')).toMatch(/^ {2}sync +The sync command$/m);
  });

  it('answers a usage error thrown by a command with exit 2 and that command’s usage', async () => {
    const { command } = fakeCommand('sync', async () => {
      throw new UsageError("unknown target 'moon'");
    });

    const result = await run(new CommandRegistry([command]), ['sync', 'moon']);

    expect(result.code).toBe(ExitCode.usage);
    expect(result.err[0]).toBe("annals: unknown target 'moon'");
    expect(result.err.join('\n')).toContain('Usage: annals sync');
  });

  it('answers an invalid configuration with exit 78 and every problem on stderr', async () => {
    const { command } = fakeCommand('sync', async () => {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
      return ExitCode.ok;
    });

    const result = await run(new CommandRegistry([command]), ['sync']);

    expect(result.code).toBe(ExitCode.config);
    expect(result.err.join('\n')).toMatch(/PORT: expected an integer[\s\S]*LOG_LEVEL: expected one of/);
  });

  it('answers any other failure with exit 1 and the command’s name on stderr', async () => {
    const { command } = fakeCommand('sync', async () => {
      throw new Error('connection refused');
    });

    const result = await run(new CommandRegistry([command]), ['sync']);

    expect(result.code).toBe(ExitCode.failure);
    expect(result.err).toEqual(['annals sync: connection refused']);
  });

  it('reports each cause of a failure that has no message of its own', async () => {
    const { command } = fakeCommand('sync', async () => {
      throw new AggregateError([
        new Error('connect ECONNREFUSED ::1:5432'),
        new Error('connect ECONNREFUSED 127.0.0.1:5432'),
      ]);
    });

    const result = await run(new CommandRegistry([command]), ['sync']);

    expect(result.err).toEqual([
      'annals sync: connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    ]);
  });

  it('prints the version on stdout', async () => {
    const result = await run(new CommandRegistry([]), ['--version']);
    expect(result).toEqual({ code: ExitCode.ok, out: ['annals 1.2.3'], err: [] });
  });

  it('prints a command’s help on stdout for `<command> --help`, listing its options and --help', async () => {
    const { command, calls } = fakeCommand('sync', async () => 0);

    const result = await run(new CommandRegistry([command]), ['sync', '--help']);

    expect(result.code).toBe(ExitCode.ok);
    expect(result.err).toEqual([]);
    const help = result.out.join('\n');
    expect(help).toContain('Usage: annals sync [--dry-run] [target]');
    expect(help).toMatch(/^ {2}--dry-run +Change nothing$/m);
    expect(help).toMatch(/^ {2}-h, --help +Show this help$/m);
    expect(calls).toEqual([]);
  });
});

describe('CommandRegistry', () => {
  it('refuses two commands with the same name', () => {
    const a = fakeCommand('sync', async () => 0).command;
    const b = fakeCommand('sync', async () => 1).command;
    expect(() => new CommandRegistry([a, b])).toThrow('two commands are named "sync"');
  });

  it('lists commands in the order given', () => {
    const names = ['zeta', 'alpha', 'mid'];
    const registry = new CommandRegistry(names.map((name) => fakeCommand(name, async () => 0).command));
    expect(registry.list().map((c) => c.name)).toEqual(names);
  });
});

describe('the annals commands', () => {
  const registry = new CommandRegistry(commands);

  it.each(commands.map((c) => [c.name, c] as [string, CliCommand<any>]))(
    '%s has a synopsis that starts with its name',
    (name, command) => {
      expect(command.usage.split(' ')[0]).toBe(name);
    },
  );

  it('`annals help` lists every command with its summary', async () => {
    const result = await run(registry, ['help']);

    expect(result.code).toBe(ExitCode.ok);
    for (const command of commands) {
      expect(result.out.join('\n')).toMatch(
        new RegExp(`^ {2}${command.name} +${escape(command.summary)}$`, 'm'),
      );
    }
  });

  it('`annals help migrate` prints what `annals migrate --help` prints', async () => {
    const viaHelp = await run(registry, ['help', 'migrate']);
    const viaFlag = await run(registry, ['migrate', '--help']);
    expect(viaHelp.out).toEqual(viaFlag.out);
    expect(viaHelp.out.join('\n')).toContain('--json');
  });

  it('`annals help <unknown>` is a usage error', async () => {
    expect((await run(registry, ['help', 'nope'])).code).toBe(ExitCode.usage);
  });

  it.each([
    ['migrate', 'DATABASE_URL', 'mysql://localhost/annals'],
    ['up', 'PORT', 'eighty'],
  ])('`annals %s` with an invalid %s exits 78 before touching a database', async (name, variable, value) => {
    const result = await run(registry, [name], { [variable]: value });
    expect(result.code).toBe(ExitCode.config);
    expect(result.err.join('\n')).toMatch(new RegExp(`^Invalid configuration:\n {2}${variable}: expected`));
  });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
