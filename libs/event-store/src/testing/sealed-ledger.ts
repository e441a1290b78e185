import { sql } from 'kysely';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { NewEvent } from '../append-request';
import { AppendedEvent, EventStore } from '../event-store';
import { EventStoreDB } from '../schema';
import { SealKey } from '../seal-keys';
import { Sequencer } from '../sequencer';

export interface SealedLedger {
  readonly database: TestDatabase<EventStoreDB>;
  /** Index i holds position i + 1. */
  readonly events: readonly AppendedEvent[];
}

export interface SealedLedgerOptions {
  readonly key: SealKey;
  /** Events numbered and sealed every `sealEvery` (a multiple of it, so the seals end exactly at it). */
  readonly sealed: number;
  readonly sealEvery: number;
  /** Events numbered after the last seal, by a sequencer that seals nothing. */
  readonly unsealed?: number;
}

const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };
const firstOccurredAt = Date.parse('2026-01-05T09:00:00.000Z');

/** Several streams, so that stream links cross other streams' events in the ledger. */
const streamOf = (i: number) => `ext-order-${(i % 3) + 1}`;
const eventNumber = (i: number): NewEvent => ({
  type: i % 2 ? 'ItemAdded' : 'PriceChanged',
  data: { n: i, items: [{ sku: `sku-${i}`, quantity: i % 4 }], note: `ünïcode ${i} "quoted"` },
  metadata: { actor: { id: `agent-${i % 2}` }, correlationId: `c-${i}` },
  occurredAt: new Date(firstOccurredAt + i * 60_000),
});

/**
 * A fresh database whose ledger was numbered and sealed by a real Sequencer: the seals cover exactly
 * 1..sealEvery, sealEvery+1..2*sealEvery, ... up to `sealed`, then `unsealed` events follow under no seal.
 */
export async function buildSealedLedger(options: SealedLedgerOptions): Promise<SealedLedger> {
  const database = await createTestDatabase<EventStoreDB>();
  const store = new EventStore(database.db, { limits });
  const events: AppendedEvent[] = [];
  const numbered = async (first: number, count: number, seals: boolean) => {
    const appended = [];
    for (let i = first; i < first + count; i++)
      appended.push(await store.appendToStream(streamOf(i), 'any', [eventNumber(i)]));
    // The sequencer reads only below the oldest transaction open anywhere on the server: once that
    // fence is past every append, each batch is one seal's worth.
    await eventually(async () => {
      const { rows } = await sql<{ passed: boolean }>`
        select max(transaction_id) < pg_snapshot_xmin(pg_current_snapshot()) as passed from events`.execute(
        database.db,
      );
      return rows[0].passed;
    });
    const sequencer = new Sequencer({
      url: database.url,
      batchSize: options.sealEvery,
      pollIntervalMs: 20,
      ...(seals && { seals: { key: options.key, everyEvents: options.sealEvery, intervalMs: 100_000_000 } }),
    });
    sequencer.start();
    try {
      const positioned = await Promise.all(appended.map((a) => store.withPositions(a)));
      events.push(...positioned.flatMap((p) => p.events).sort((a, b) => a.position! - b.position!));
      if (seals) {
        const last = first + count;
        await eventually(async () => {
          const seal = await database.db
            .selectFrom('seals')
            .select('id')
            .where('to_position', '=', last)
            .executeTakeFirst();
          return seal !== undefined;
        });
      }
    } finally {
      await sequencer.stop();
    }
  };
  try {
    await numbered(0, options.sealed, true);
    if (options.unsealed) await numbered(options.sealed, options.unsealed, false);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return { database, events };
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('gave up waiting for the sequencer');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
