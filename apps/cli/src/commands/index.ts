import type { CliCommand } from '../command';
import { helpCommand } from './help.command';
import { migrateCommand } from './migrate.command';
import { upCommand } from './up.command';

/** Every `annals` command, in the order `annals help` lists them. A new command: one file, one line here. */
export const commands: readonly CliCommand<any>[] = [upCommand, migrateCommand, helpCommand];
