import type { CliCommand } from '../command';
import { auditCommand } from './audit.command';
import { eventsCommand } from './events.command';
import { demoCommand } from './demo.command';
import { helpCommand } from './help.command';
import { keysCommand } from './keys.command';
import { migrateCommand } from './migrate.command';
import { projectionsCommand } from './projections.command';
import { upCommand } from './up.command';

/** Every `annals` command, in the order `annals help` lists them. A new command: one file, one line here. */
export const commands: readonly CliCommand<any>[] = [
  upCommand,
  migrateCommand,
  demoCommand,
  keysCommand,
  auditCommand,
  eventsCommand,
  projectionsCommand,
  helpCommand,
];
