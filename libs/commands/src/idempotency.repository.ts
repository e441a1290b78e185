import { Kysely, sql } from 'kysely';
import { StoredCommandResult } from './command-result';

export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly result: StoredCommandResult;
}

/** The command log of idempotency keys; always used inside the command's transaction. */
export class IdempotencyRepository {
  constructor(private readonly db: Kysely<any>) {}

  async find(key: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await sql<{ request_hash: string; result: StoredCommandResult }>`
      select request_hash, result from command_idempotency where idempotency_key = ${key}
    `.execute(this.db);
    return rows[0] && { requestHash: rows[0].request_hash, result: rows[0].result };
  }

  /** False when the key was recorded meanwhile by a concurrent transaction. */
  async insert(key: string, requestHash: string, result: StoredCommandResult): Promise<boolean> {
    const { numAffectedRows } = await sql`
      insert into command_idempotency (idempotency_key, request_hash, result)
      values (${key}, ${requestHash}, ${JSON.stringify(result)}::jsonb)
      on conflict (idempotency_key) do nothing
    `.execute(this.db);
    return numAffectedRows === BigInt(1);
  }
}
