import { Kysely, Migrator, MigrationResultSet } from 'kysely';
import { migrations } from '../../../../migrations';

export interface MigrationReport {
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema to the latest migration. Concurrent starts are safe: Kysely's Migrator takes a
 * lock table row, so two processes starting together apply each migration once.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return reportOf(await migrator.migrateToLatest());
}

function reportOf({ error, results = [] }: MigrationResultSet): MigrationReport {
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${name ?? '(none)'} failed: ${reason}`, name, error);
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
