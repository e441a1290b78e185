import { Generated, Kysely, Selectable, sql } from 'kysely';
import { CursorKey, SortOrder } from '@annals/projections/queries/cursor';
import { afterCursor } from '@annals/projections/queries/keyset';
import { ApiKeyRole } from './api-key';

/** The table of migrations/2026-11-22T08-00-00_api-keys.ts. */
export interface ApiKeysDB {
  api_keys: ApiKeyTable;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  role: ApiKeyRole;
  workflow_id: string | null;
  secret_hash: Buffer;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;

export interface NewApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly role: ApiKeyRole;
  readonly workflowId?: string;
  readonly secretHash: Buffer;
  readonly expiresAt?: Date;
}

/** Serialises first-start key creation across processes that start together. */
const BOOTSTRAP_LOCK = sql`hashtext('annals.api_keys.bootstrap')`;

/** All SQL about API keys. */
export class ApiKeyRepository {
  constructor(private readonly db: Kysely<ApiKeysDB>) {}

  async insert(key: NewApiKeyRow): Promise<ApiKeyRow> {
    return this.db.insertInto('api_keys').values(values(key)).returningAll().executeTakeFirstOrThrow();
  }

  findById(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Keys in creation order (id breaking ties), after the previous page's last key. */
  list(sort: SortOrder, limit: number, after?: CursorKey): Promise<ApiKeyRow[]> {
    return this.db
      .selectFrom('api_keys')
      .selectAll()
      .$if(after !== undefined, (q) => q.where((eb) => afterCursor(eb, sort, after!)))
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Revokes once: a second revocation keeps the first time. Undefined when no such key. */
  async revoke(id: string): Promise<ApiKeyRow | undefined> {
    return this.db
      .updateTable('api_keys')
      .set({ revoked_at: sql`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** At most once a minute per key: last_used_at is a hint for rotation, not an audit trail (events are). */
  async touch(id: string): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb('last_used_at', 'is', null),
          eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
        ]),
      )
      .execute();
  }

  /**
   * Inserts `key` only when the table holds no key at all, under a transaction-scoped advisory lock so
   * that processes starting together create one key, not one each. True when it was inserted.
   */
  async insertIfNone(key: NewApiKeyRow): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
      const existing = await trx.selectFrom('api_keys').select('id').limit(1).executeTakeFirst();
      if (existing) return false;
      await trx.insertInto('api_keys').values(values(key)).execute();
      return true;
    });
  }

  /** Inserts a key unless its id is taken; returns the stored row either way. */
  async insertOrGet(key: NewApiKeyRow): Promise<ApiKeyRow> {
    await this.db
      .insertInto('api_keys')
      .values(values(key))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return (await this.findById(key.id))!;
  }
}

const values = (key: NewApiKeyRow) => ({
  id: key.id,
  name: key.name,
  role: key.role,
  workflow_id: key.workflowId ?? null,
  secret_hash: key.secretHash,
  expires_at: key.expiresAt ?? null,
});
