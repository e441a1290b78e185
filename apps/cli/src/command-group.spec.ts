import { defineCommandGroup } from './command-group';
import { ExitCode } from './exit-codes';
import { runCliCaptured } from './testing/run-cli-captured';

const calls: unknown[] = [];
const group = defineCommandGroup({
  name: 'store',
  summary: 'Store things',
  options: {
    json: { type: 'boolean', description: 'JSON out' },
    out: { type: 'string', valueName: 'FILE', description: 'Where to write' },
  },
  subcommands: [
    {
      name: 'list',
      summary: 'List them',
      usage: 'list [--json]',
      options: ['json'],
      async run(args) {
        calls.push(['list', args]);
        return ExitCode.ok;
      },
    },
    {
      name: 'dump',
      summary: 'Dump one',
      usage: 'dump <NAME> [--out <FILE>]',
      options: ['out'],
      maxPositionals: 1,
      async run(args) {
        calls.push(['dump', args]);
        return 3;
      },
    },
  ],
});

const run = (...argv: string[]) => runCliCaptured(argv, { commands: [group] });

beforeEach(() => calls.splice(0));

describe('defineCommandGroup', () => {
  it('runs the named verb with its options and the positionals after it, returning its exit code', async () => {
    expect((await run('store', 'dump', 'a', '--out', 'f')).code).toBe(3);
    expect(calls).toEqual([['dump', { values: { out: 'f' }, positionals: ['a'] }]]);
  });

  it.each([
    [['store'], 'missing subcommand: one of list, dump'],
    [['store', 'drop'], "unknown subcommand 'drop': one of list, dump"],
    [['store', 'list', '--out', 'f'], "option '--out' does not apply to 'store list'"],
    [['store', 'list', 'x'], "unexpected argument 'x'"],
    [['store', 'dump', 'a', 'b'], "unexpected argument 'b'"],
  ])('%j is a usage error naming the group, running nothing', async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err[0]).toBe(`annals: ${message}`);
    expect(calls).toEqual([]);
  });

  it('shows every verb’s synopsis and summary in the group’s help', async () => {
    const help = (await run('store', '--help')).out.join('\n');
    expect(help).toContain(
      'Usage: annals store list [--json]\n       annals store dump <NAME> [--out <FILE>]',
    );
    expect(help).toMatch(/^ {2}list +List them$/m);
    expect(help).toMatch(/^ {2}--out <FILE> +Where to write$/m);
  });
});
