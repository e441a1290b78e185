import { dumbo, endAllPools, sql, type Dumbo } from '@event-driven-io/dumbo';
import { isExpectedVersionConflictError } from '@event-driven-io/emmett';
import {
  getPostgreSQLEventStore,
  readMessagesBatch,
  type PostgresEventStore,
} from '@event-driven-io/emmett-postgresql';
import { BenchEvent, Contender, GlobalReader, VersionConflict } from '../contender';

/**
 * Emmett's PostgreSQL event store with its defaults. The global order is read with
 * readMessagesBatch from the last position a page returned: what Emmett's consumers and processors do.
 */
export class EmmettContender implements Contender {
  readonly name = 'emmett';

  private constructor(
    private readonly pool: Dumbo,
    private readonly store: PostgresEventStore,
  ) {}

  static async open(url: string): Promise<EmmettContender> {
    // One pool (pg's default size, 10) shared by the store and the global reads.
    const pool = dumbo({ connectionString: url });
    const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
    await store.schema.migrate();
    return new EmmettContender(pool, store);
  }

  async append(streamId: string, expectedVersion: number, events: readonly BenchEvent[]): Promise<void> {
    try {
      await this.store.appendToStream(streamId, [...events], {
        expectedStreamVersion: BigInt(expectedVersion),
      });
    } catch (error) {
      if (isExpectedVersionConflictError(error)) throw new VersionConflict(streamId);
      throw error;
    }
  }

  async catchUp(streamId: string, afterVersion: number): Promise<number> {
    const result = await this.store.readStream(streamId, { from: BigInt(afterVersion + 1) });
    return result.events.length > 0 ? Number(result.currentStreamVersion) : afterVersion;
  }

  async readStream(streamId: string): Promise<number> {
    return (await this.store.readStream(streamId)).events.length;
  }

  openGlobalOrder(): GlobalReader {
    let after = 0n;
    return {
      next: async (limit) => {
        const batch = await readMessagesBatch(this.pool.execute, { after, batchSize: limit });
        after = batch.currentGlobalPosition;
        return {
          count: batch.messages.length,
          keys: () => batch.messages.map((m) => `${m.metadata.streamName}/${m.metadata.streamPosition}`),
        };
      },
    };
  }

  async storedEvents(): Promise<number> {
    const { rows } = await this.pool.execute.query<{ n: number }>(
      sql('select count(*)::int as n from emt_messages'),
    );
    return rows[0].n;
  }

  async analyze(): Promise<void> {
    await this.pool.execute.command(sql('analyze'));
  }

  async close(): Promise<void> {
    await this.store.close();
    // Dumbo keeps pg pools in a process-wide registry with use counts, and the schema migration takes
    // a use of its own: without this the pool stays open and the process never ends.
    await endAllPools();
  }
}
