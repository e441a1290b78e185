/** What `annals` exits with; scripts and supervisors tell the failures apart by these. */
export const ExitCode = {
  ok: 0,
  /** The command ran and failed: database unreachable, migration refused, port taken. */
  failure: 1,
  /** The command line was wrong: unknown command or option, missing value, stray argument. */
  usage: 2,
  /** EX_NOINPUT from sysexits.h: a file the command was given (a bundle, a key) cannot be read. */
  noInput: 66,
  /** EX_CONFIG from sysexits.h: the environment holds an invalid setting. */
  config: 78,
} as const;
