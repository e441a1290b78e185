import { Kysely, sql } from 'kysely';
import { toNumber } from '@annals/event-store';
import { ReadDB } from '../schema';
import { schemaPartOf } from './shadow-tables.repository';

export interface ProjectionBuild {
  readonly name: string;
  /** The version being built. */
  readonly version: number;
  /** The build's own checkpoint; null while requested and its schema not created yet. */
  readonly position: number | null;
  readonly requestedAt: Date;
}

/** The schema a projection's rebuild writes into, beside `read`. */
export const buildSchemaOf = (name: string): string => `read_build_${schemaPartOf(name)}`;

/** Rows of read.projection_builds: rebuilds asked for and their checkpoints. */
export class ProjectionBuildsRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async find(name: string): Promise<ProjectionBuild | undefined> {
    const row = await this.db
      .selectFrom('read.projection_builds')
      .selectAll()
      .where('name', '=', name)
      .executeTakeFirst();
    return row && toBuild(row);
  }

  async all(): Promise<ProjectionBuild[]> {
    const rows = await this.db.selectFrom('read.projection_builds').selectAll().orderBy('name').execute();
    return rows.map(toBuild);
  }

  /** Asks for a rebuild at `version`; a rebuild already asked for or under way is left as it is. */
  async request(name: string, version: number): Promise<void> {
    await this.db
      .insertInto('read.projection_builds')
      .values({ name, version, position: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }

  /** The build of `version` starts (again) from position 0. */
  async start(name: string, version: number): Promise<void> {
    await this.db
      .insertInto('read.projection_builds')
      .values({ name, version, position: 0 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version, position: 0, updated_at: sql`now()` }))
      .execute();
  }

  /** Moves the build's checkpoint from `from` to `to`; refuses (and so rolls the batch back) when it is elsewhere. */
  async advance(name: string, from: number, to: number): Promise<void> {
    const result = await this.db
      .updateTable('read.projection_builds')
      .set({ position: to, updated_at: sql`now()` })
      .where('name', '=', name)
      .where('position', '=', String(from))
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      throw new Error(`The build of ${name} is no longer at ${from}: another runner moved it`);
    }
  }

  async remove(name: string): Promise<void> {
    await this.db.deleteFrom('read.projection_builds').where('name', '=', name).execute();
  }
}

const toBuild = (row: {
  name: string;
  version: number;
  position: string | null;
  requested_at: Date;
}): ProjectionBuild => ({
  name: row.name,
  version: row.version,
  position: row.position === null ? null : toNumber(row.position),
  requestedAt: row.requested_at,
});
