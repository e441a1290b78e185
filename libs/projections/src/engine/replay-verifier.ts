import { randomBytes } from 'node:crypto';
import { Kysely } from 'kysely';
import { EventStore } from '@annals/event-store';
import { ReadDB } from '../schema';
import { CheckpointRepository } from './checkpoint.repository';
import { readLedgerBatch, redirectTables } from './ledger-batch';
import { Projection } from './projection';
import { projectionNamed } from './projection-status';
import { LIVE_SCHEMA, schemaPartOf, ShadowTablesRepository } from './shadow-tables.repository';
import { RowDifference, TableComparisonRepository, TableDigest } from './table-comparison.repository';
import { EventUpcaster } from './upcast';

export interface TableVerification {
  readonly table: string;
  readonly match: boolean;
  readonly live: TableDigest;
  readonly rebuilt: TableDigest;
  /** The first differing rows by primary key (up to the verifier's limit); empty on a match. */
  readonly differences: readonly RowDifference[];
}

export interface ReplayVerification {
  readonly name: string;
  readonly version: number;
  /** The ledger position both sides were compared at. */
  readonly position: number;
  readonly match: boolean;
  readonly tables: readonly TableVerification[];
}

/**
 * The live tables cannot be compared: they stand at another position than the one asked for, or are of
 * another version than the code's (a rebuild is under way).
 */
export class VerificationUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: 'position' | 'version',
    readonly live: { readonly position: number; readonly version: number },
    readonly expected: { readonly position?: number; readonly version: number },
  ) {
    super(message);
    this.name = 'VerificationUnavailableError';
  }
}

export interface ReplayVerifierOptions {
  readonly batchSize?: number;
  /** How many differing rows a mismatching table reports. */
  readonly differencesPerTable?: number;
  readonly upcaster?: EventUpcaster;
}

/**
 * Replays a projection from position 0 into a scratch schema and compares its rows with the live
 * tables, table by table (row count and a digest, then the first differing rows).
 *
 * Both sides must stand at the same position. Live rows record only their latest state, so the live
 * tables cannot be seen as they were at an earlier position; instead of pausing the runner, the
 * comparison runs in one REPEATABLE READ snapshot, in which the live checkpoint and the live rows
 * agree (they commit together). With no `at`, the replay is brought to the snapshot's checkpoint
 * inside that snapshot, so a running projection is verified without stopping it. With `at`, the live
 * checkpoint must be at `at` (a stopped or idle projection), else VerificationUnavailableError.
 */
export class ReplayVerifier {
  private readonly batchSize: number;
  private readonly differencesPerTable: number;

  constructor(
    private readonly db: Kysely<ReadDB>,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly options: ReplayVerifierOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.differencesPerTable = options.differencesPerTable ?? 10;
  }

  async verify(name: string, at?: number): Promise<ReplayVerification> {
    const projection = projectionNamed(this.projections, name);
    const live = await new CheckpointRepository(this.db).find(name);
    if (!live || live.version !== projection.version) {
      throw new VerificationUnavailableError(
        `The live tables of ${name} are of version ${live?.version ?? 'none'}, not ${projection.version}: wait for the rebuild`,
        'version',
        { position: live?.position ?? 0, version: live?.version ?? 0 },
        { version: projection.version },
      );
    }
    const scratch = `read_verify_${schemaPartOf(name)}_${randomBytes(4).toString('hex')}`;
    const shadow = new ShadowTablesRepository(this.db);
    await shadow.create(scratch, projection.tables);
    try {
      // Most of the replay runs outside the snapshot, so that the snapshot stays short.
      const replayed = await this.replay(this.db, projection, scratch, 0, at ?? live.position);
      return await this.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const { position, version } = (await new CheckpointRepository(trx).find(name))!;
          if (
            version !== projection.version ||
            position < replayed ||
            (at !== undefined && position !== at)
          ) {
            throw new VerificationUnavailableError(
              `The live tables of ${name} are at position ${position} (version ${version}), not ${at ?? replayed}: ` +
                'verify at their position, or stop the projection first',
              version !== projection.version ? 'version' : 'position',
              { position, version },
              { position: at ?? replayed, version: projection.version },
            );
          }
          await this.replay(trx, projection, scratch, replayed, position);
          const tables = [];
          for (const table of projection.tables) tables.push(await this.compare(trx, scratch, table));
          return { name, version, position, match: tables.every((t) => t.match), tables };
        });
    } finally {
      await shadow.drop(scratch);
    }
  }

  /** Projects (after, upTo] into the scratch tables; returns the position reached. */
  private async replay(
    db: Kysely<ReadDB>,
    projection: Projection,
    scratch: string,
    after: number,
    upTo: number,
  ): Promise<number> {
    const target = redirectTables(db, projection, scratch);
    let position = after;
    for (;;) {
      const batch = await readLedgerBatch(this.store, projection, position, {
        limit: this.batchSize,
        upTo,
        upcaster: this.options.upcaster,
      });
      if (batch.events.length > 0) await projection.apply(target, batch.events);
      if (batch.lastPosition === position || !batch.full) return batch.lastPosition;
      position = batch.lastPosition;
    }
  }

  private async compare(db: Kysely<ReadDB>, scratch: string, table: string): Promise<TableVerification> {
    const repository = new TableComparisonRepository(db);
    const key = await repository.primaryKey(LIVE_SCHEMA, table);
    const live = await repository.digest(LIVE_SCHEMA, table, key);
    const rebuilt = await repository.digest(scratch, table, key);
    const match = live.rows === rebuilt.rows && live.digest === rebuilt.digest;
    const differences = match
      ? []
      : await repository.differences(LIVE_SCHEMA, scratch, table, key, this.differencesPerTable);
    return { table, match, live, rebuilt, differences };
  }
}
