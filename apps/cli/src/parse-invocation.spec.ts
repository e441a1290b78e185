import { defineCommand, UsageError } from './command';
import { CommandRegistry } from './command-registry';
import { ExitCode } from './exit-codes';
import { parseInvocation } from './parse-invocation';

const greet = defineCommand({
  name: 'greet',
  summary: 'Greets',
  usage: 'greet [--loud] [--name <NAME>] [who]',
  options: {
    loud: { type: 'boolean', short: 'l', description: 'Shout' },
    name: { type: 'string', description: 'Who greets', valueName: 'NAME' },
  },
  maxPositionals: 1,
  run: async () => ExitCode.ok,
});
const bare = defineCommand({
  name: 'bare',
  summary: 'Takes nothing',
  usage: 'bare',
  options: {},
  run: async () => 0,
});
const registry = new CommandRegistry([greet, bare]);

const parse = (...argv: string[]) => parseInvocation(argv, registry);

function usageErrorOf(argv: string[]): UsageError {
  try {
    parse(...argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseInvocation', () => {
  describe('global flags', () => {
    it('reads --version', () => {
      expect(parse('--version')).toEqual({ kind: 'version' });
    });

    it('reads --help and -h as the overview', () => {
      expect(parse('--help')).toEqual({ kind: 'help' });
      expect(parse('-h')).toEqual({ kind: 'help' });
    });

    it('reads --help <command> as that command’s help', () => {
      expect(parse('--help', 'greet')).toEqual({ kind: 'help', command: greet });
    });

    it('refuses --help for an unknown command', () => {
      expect(usageErrorOf(['--help', 'nope']).message).toBe("unknown command 'nope'");
    });

    it('refuses an unknown global option, without blaming a command', () => {
      const error = usageErrorOf(['--verbose']);
      expect(error.message).toBe("unknown option '--verbose'");
      expect(error.command).toBeUndefined();
    });

    it('refuses an empty command line', () => {
      expect(usageErrorOf([]).message).toBe('missing command');
    });
  });

  describe('commands', () => {
    it('refuses an unknown command', () => {
      const error = usageErrorOf(['nope', '--loud']);
      expect(error.message).toBe("unknown command 'nope'");
      expect(error.command).toBeUndefined();
    });

    it('passes typed option values and positionals to the command, without --help', () => {
      expect(parse('greet', '-l', '--name', 'Ada', 'world')).toEqual({
        kind: 'run',
        command: greet,
        args: { values: { loud: true, name: 'Ada' }, positionals: ['world'] },
      });
    });

    it('accepts --name=value', () => {
      expect(parse('greet', '--name=Ada')).toMatchObject({ args: { values: { name: 'Ada' } } });
    });

    it('reads --help and -h after a command as that command’s help, whatever else is there', () => {
      expect(parse('greet', '--loud', '--help')).toEqual({ kind: 'help', command: greet });
      expect(parse('bare', '-h')).toEqual({ kind: 'help', command: bare });
    });

    it('refuses an unknown option, naming the command whose usage applies', () => {
      const error = usageErrorOf(['greet', '--colour']);
      expect(error.message).toBe("unknown option '--colour'");
      expect(error.command).toBe(greet);
    });

    it('refuses a string option without its value', () => {
      expect(usageErrorOf(['greet', '--name']).message).toBe("option '--name <value>' argument missing");
    });

    it('refuses a value given to a boolean option', () => {
      expect(usageErrorOf(['greet', '--loud=yes']).message).toBe(
        "option '-l, --loud' does not take an argument",
      );
    });

    it('refuses more positionals than the command takes', () => {
      expect(usageErrorOf(['greet', 'one', 'two']).message).toBe("unexpected argument 'two'");
      expect(usageErrorOf(['bare', 'one'])).toMatchObject({
        message: "unexpected argument 'one'",
        command: bare,
      });
    });

    it('takes arguments after -- as positionals, even when they look like options', () => {
      expect(parse('greet', '--', '--loud')).toMatchObject({ args: { values: {}, positionals: ['--loud'] } });
    });
  });
});
