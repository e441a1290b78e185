import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { NewEvent } from './append-request';
import { canonicalEvent } from './envelope';
import { AppendedEvent, EventStore } from './event-store';
import { eventHash, ledgerHash } from './hash-chain';
import { EventStoreDB } from './schema';
import { loadOrCreateSealKey, SealKey, signSeal } from './seal-keys';
import { Sequencer } from './sequencer';
import { VerificationFailure, VerificationReport, Verifier } from './verification';
import { VerificationRepository } from './verification.repository';

const EVENTS = 40;
const SEAL_EVERY = 10;
const SEALS = EVENTS / SEAL_EVERY;
/** The i-th event is the only one of its stream, in the middle of the ledger. */
const LONE_EVENT = 14;
const limits = { maxEventDataBytes: 65536, maxEventsPerAppend: 1000 };
const firstOccurredAt = Date.parse('2026-01-05T09:00:00.000Z');

const streamOf = (i: number) => (i === LONE_EVENT ? 'ext-note-1' : `ext-order-${(i % 3) + 1}`);
const eventNumber = (i: number): NewEvent => ({
  type: i % 2 ? 'ItemAdded' : 'PriceChanged',
  data: { n: i, items: [{ sku: `sku-${i}`, quantity: i % 4 }] },
  metadata: { actor: { id: `agent-${i % 2}` }, correlationId: `c-${i}` },
  occurredAt: new Date(firstOccurredAt + i * 60_000),
});

interface SealedLedger {
  readonly database: TestDatabase<EventStoreDB>;
  /** Index i holds position i + 1. */
  readonly events: readonly AppendedEvent[];
}

let keyDir: string;
let key: SealKey;

beforeAll(() => {
  keyDir = mkdtempSync(join(tmpdir(), 'annals-verification-'));
  key = loadOrCreateSealKey(join(keyDir, 'seal-key.pem'));
});

afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

describe('Verifier (PostgreSQL)', () => {
  const databases: TestDatabase<EventStoreDB>[] = [];

  afterEach(async () => {
    await Promise.all(databases.splice(0).map((d) => d.drop()));
  });

  /**
   * EVENTS events over several streams, one append each, numbered by a running sequencer with seals.
   * Its batch is one seal long, so the seals cover exactly 1..10, 11..20, ... and the last one the head.
   */
  async function sealedLedger(): Promise<SealedLedger> {
    const database = await createTestDatabase<EventStoreDB>();
    databases.push(database);
    const store = new EventStore(database.db, { limits });
    const appended = [];
    for (let i = 0; i < EVENTS; i++)
      appended.push(await store.appendToStream(streamOf(i), 'any', [eventNumber(i)]));
    // The sequencer reads only below the oldest transaction open anywhere on the server, other databases
    // included: once that fence is past every append, each batch is a full seal's worth.
    await eventually(`the appends of ${database.name} are below the sequencer's fence`, async () => {
      const { rows } = await sql<{ passed: boolean }>`
        select max(transaction_id) < pg_snapshot_xmin(pg_current_snapshot()) as passed from events`.execute(
        database.db,
      );
      return rows[0].passed;
    });
    const sequencer = new Sequencer({
      url: database.url,
      batchSize: SEAL_EVERY,
      pollIntervalMs: 20,
      seals: { key, everyEvents: SEAL_EVERY, intervalMs: 100_000 },
    });
    sequencer.start();
    try {
      const positioned = await Promise.all(appended.map((a) => store.withPositions(a)));
      await eventually(`a seal ends at ${EVENTS}`, async () => {
        const seal = await database.db
          .selectFrom('seals')
          .select('id')
          .where('to_position', '=', EVENTS)
          .executeTakeFirst();
        return seal !== undefined;
      });
      const events = positioned.flatMap((p) => p.events).sort((a, b) => a.position! - b.position!);
      return { database, events };
    } finally {
      await sequencer.stop();
    }
  }

  async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const verifier = (ledger: SealedLedger, trustedKeys = [key.publicKey]) =>
    new Verifier(new VerificationRepository(ledger.database.db), trustedKeys);

  const verify = (ledger: SealedLedger, range: { from?: number; to?: number } = {}) =>
    verifier(ledger).verify(range);

  const failureOf = (report: VerificationReport) =>
    report.firstFailure && { position: report.firstFailure.position, code: report.firstFailure.code };

  async function expectFirstFailure(
    ledger: SealedLedger,
    expected: Pick<VerificationFailure, 'position' | 'code'>,
  ): Promise<VerificationReport> {
    const report = await verify(ledger);
    expect({ ok: report.ok, failure: failureOf(report) }).toEqual({ ok: false, failure: expected });
    return report;
  }

  const eventAt = (ledger: SealedLedger, position: number): AppendedEvent => ledger.events[position - 1];

  /** The next version of the same stream, further on in the ledger. */
  const nextVersionOf = (ledger: SealedLedger, event: AppendedEvent): AppendedEvent | undefined =>
    ledger.events.find((e) => e.streamId === event.streamId && e.version === event.version + 1);

  /**
   * Tampering as someone with direct database access would: on one connection in replica mode, where
   * neither the append-only triggers nor the foreign keys fire.
   */
  async function tamper(ledger: SealedLedger, work: (client: Client) => Promise<unknown>): Promise<void> {
    const client = new Client({ connectionString: ledger.database.url });
    await client.connect();
    try {
      await client.query('set session_replication_role = replica');
      await work(client);
    } finally {
      await client.end();
    }
  }

  const deleteEvent = (client: Client, event: AppendedEvent) =>
    client.query('delete from events where seq = $1', [event.seq]);
  const deleteLedgerRow = (client: Client, position: number) =>
    client.query('delete from ledger where position = $1', [position]);
  const flipFirstBit = (column: string) => `set_byte(${column}, 0, get_byte(${column}, 0) # 1)`;

  describe('an untouched ledger', () => {
    it('passes, with every event and seal checked and the seals covering the whole ledger in turn', async () => {
      const ledger = await sealedLedger();
      const seals = await ledger.database.db
        .selectFrom('seals')
        .select(['from_position', 'to_position'])
        .orderBy('to_position')
        .execute();
      expect(seals.map((s) => [Number(s.from_position), Number(s.to_position)])).toEqual(
        Array.from({ length: SEALS }, (_, s) => [s * SEAL_EVERY + 1, (s + 1) * SEAL_EVERY]),
      );
      expect(new Set(ledger.events.map((e) => e.streamId)).size).toBeGreaterThan(2);

      expect(await verify(ledger)).toEqual({
        ok: true,
        from: 1,
        to: EVENTS,
        eventsChecked: EVENTS,
        sealsChecked: SEALS,
      });
    });

    it('passes over any sub-range, whether or not its ends fall on seal boundaries', async () => {
      const ledger = await sealedLedger();
      const ranges = [
        { from: 1, to: SEAL_EVERY },
        { from: SEAL_EVERY + 1 },
        { from: 5, to: 25 },
        { to: 15 },
        { from: 33, to: 37 },
      ];
      const reports = await Promise.all(ranges.map((range) => verify(ledger, range)));
      expect(reports.map((r) => ({ ok: r.ok, failure: failureOf(r) }))).toEqual(
        ranges.map(() => ({ ok: true, failure: undefined })),
      );
      expect(reports.map((r) => r.eventsChecked)).toEqual(
        ranges.map(({ from = 1, to = EVENTS }) => to - from + 1),
      );
    });

    it('fails at the first seal when the key that signed it is not among the trusted ones', async () => {
      const ledger = await sealedLedger();
      const report = await verifier(ledger, [
        loadOrCreateSealKey(join(keyDir, 'other.pem')).publicKey,
      ]).verify();
      expect(failureOf(report)).toEqual({ position: SEAL_EVERY, code: 'seal.untrusted_key' });
    });
  });

  describe('events', () => {
    it('an event whose data was changed fails at its position with event.hash_mismatch', async () => {
      const ledger = await sealedLedger();
      const position = 17;
      await tamper(ledger, (client) =>
        client.query(`update events set data = jsonb_set(data, '{n}', '999') where seq = $1`, [
          eventAt(ledger, position).seq,
        ]),
      );
      await expectFirstFailure(ledger, { position, code: 'event.hash_mismatch' });
    });

    it.each([
      ['metadata', `metadata = metadata || '{"actor": {"id": "intruder"}}'`],
      ['occurredAt', `occurred_at = occurred_at - interval '1 millisecond'`],
    ])('an event whose %s was changed fails at its position with event.hash_mismatch', async (_, change) => {
      const ledger = await sealedLedger();
      const position = 26;
      await tamper(ledger, (client) =>
        client.query(`update events set ${change} where seq = $1`, [eventAt(ledger, position).seq]),
      );
      await expectFirstFailure(ledger, { position, code: 'event.hash_mismatch' });
    });

    it('an event rewritten together with its own stream hash fails at its ledger link', async () => {
      const ledger = await sealedLedger();
      const position = 22;
      const [link] = await new VerificationRepository(ledger.database.db).links(position, position, 1);
      const forged = { ...link.event!, data: { forged: true } };
      const forgedHash = eventHash(forged.previousHash, forged.version, canonicalEvent(forged));
      await tamper(ledger, (client) =>
        client.query('update events set data = $1, hash = $2 where seq = $3', [
          JSON.stringify(forged.data),
          forgedHash,
          eventAt(ledger, position).seq,
        ]),
      );
      await expectFirstFailure(ledger, { position, code: 'ledger.hash_mismatch' });
    });

    it('an event removed from under its ledger row fails at its position with ledger.event_missing', async () => {
      const ledger = await sealedLedger();
      const position = 17;
      await tamper(ledger, (client) => deleteEvent(client, eventAt(ledger, position)));
      await expectFirstFailure(ledger, { position, code: 'ledger.event_missing' });
    });

    it('an event removed together with its ledger row fails at its position with ledger.gap', async () => {
      const ledger = await sealedLedger();
      const lone = eventAt(ledger, LONE_EVENT + 1);
      expect([lone.streamId, nextVersionOf(ledger, lone)]).toEqual(['ext-note-1', undefined]);
      await tamper(ledger, async (client) => {
        await deleteLedgerRow(client, lone.position!);
        await deleteEvent(client, lone);
      });
      await expectFirstFailure(ledger, { position: lone.position!, code: 'ledger.gap' });
    });

    it('a version removed with its ledger row fails at that lower position, before the next version', async () => {
      const ledger = await sealedLedger();
      const removed = eventAt(ledger, 17);
      expect(nextVersionOf(ledger, removed)?.position).toBeGreaterThan(17);
      await tamper(ledger, async (client) => {
        await deleteLedgerRow(client, removed.position!);
        await deleteEvent(client, removed);
      });
      await expectFirstFailure(ledger, { position: removed.position!, code: 'ledger.gap' });
    });

    it('the newest events removed with their ledger rows are caught by the seal that covered them', async () => {
      const ledger = await sealedLedger();
      await tamper(ledger, async (client) => {
        for (const position of [EVENTS, EVENTS - 1]) {
          await deleteLedgerRow(client, position);
          await deleteEvent(client, eventAt(ledger, position));
        }
      });
      const report = await expectFirstFailure(ledger, { position: EVENTS, code: 'seal.head_mismatch' });
      expect(report.to).toBe(EVENTS - 2);
    });
  });

  describe('the ledger', () => {
    it('a ledger link whose hash was changed fails at its position with ledger.hash_mismatch', async () => {
      const ledger = await sealedLedger();
      const position = 23;
      await tamper(ledger, (client) =>
        client.query(`update ledger set hash = ${flipFirstBit('hash')} where position = $1`, [position]),
      );
      await expectFirstFailure(ledger, { position, code: 'ledger.hash_mismatch' });
    });

    it('two versions of a stream swapped in the ledger fail at the lower position', async () => {
      const ledger = await sealedLedger();
      const earlier = eventAt(ledger, 22);
      const later = nextVersionOf(ledger, earlier)!;
      await tamper(ledger, async (client) => {
        // ledger.event_seq is unique: move one row aside first.
        const point = 'update ledger set event_seq = $1 where position = $2';
        await client.query(point, [-1, earlier.position]);
        await client.query(point, [earlier.seq, later.position]);
        await client.query(point, [later.seq, earlier.position]);
      });
      await expectFirstFailure(ledger, { position: earlier.position!, code: 'ledger.hash_mismatch' });
    });

    it('an event rewritten with every hash after it recomputed, but no seal key, fails at its seal', async () => {
      const ledger = await sealedLedger();
      const position = 17;
      const sealEnd = Math.ceil(position / SEAL_EVERY) * SEAL_EVERY;
      await tamper(ledger, async (client) => {
        await client.query(`update events set data = '{"forged": true}' where seq = $1`, [
          eventAt(ledger, position).seq,
        ]);
        await rechain(ledger, client);
      });
      const report = await expectFirstFailure(ledger, { position: sealEnd, code: 'seal.head_mismatch' });
      expect(report.eventsChecked).toBe(EVENTS);
    });
  });

  /** What a forger without the seal key can do: make every stream link and ledger link consistent again. */
  async function rechain(ledger: SealedLedger, client: Client): Promise<void> {
    const links = await new VerificationRepository(ledger.database.db).links(1, EVENTS, EVENTS);
    const streamHeads = new Map<string, Buffer>();
    let previousLink: Buffer | null = null;
    for (const { position, event } of links) {
      const hash = eventHash(
        streamHeads.get(event!.streamId) ?? null,
        event!.version,
        canonicalEvent(event!),
      );
      const link = ledgerHash(previousLink, position, hash);
      await client.query('update events set hash = $1 where event_id = $2', [hash, event!.eventId]);
      await client.query('update ledger set hash = $1 where position = $2', [link, position]);
      streamHeads.set(event!.streamId, hash);
      previousLink = link;
    }
  }

  describe('seals', () => {
    const middleSeal = 2 * SEAL_EVERY;

    it.each(['signature', 'head_hash'])(
      'a seal whose %s was changed fails at its end with seal.signature_invalid',
      async (column) => {
        const ledger = await sealedLedger();
        await tamper(ledger, (client) =>
          client.query(`update seals set ${column} = ${flipFirstBit(column)} where to_position = $1`, [
            middleSeal,
          ]),
        );
        await expectFirstFailure(ledger, { position: middleSeal, code: 'seal.signature_invalid' });
      },
    );

    it('a seal re-signed with another key fails at its end with seal.untrusted_key', async () => {
      const ledger = await sealedLedger();
      const forger = loadOrCreateSealKey(join(keyDir, 'forger.pem'));
      await tamper(ledger, async (client) => {
        const { rows } = await client.query<{ from_position: string; head_hash: Buffer }>(
          'select from_position, head_hash from seals where to_position = $1',
          [middleSeal],
        );
        const signature = signSeal(forger, Number(rows[0].from_position), middleSeal, rows[0].head_hash);
        await client.query(
          'update seals set key_id = $1, public_key = $2, signature = $3 where to_position = $4',
          [forger.keyId, forger.publicKeyPem, signature, middleSeal],
        );
      });
      await expectFirstFailure(ledger, { position: middleSeal, code: 'seal.untrusted_key' });
    });

    it('a seal removed from the middle fails at the end of the next seal with seal.gap', async () => {
      const ledger = await sealedLedger();
      await tamper(ledger, (client) =>
        client.query('delete from seals where to_position = $1', [middleSeal]),
      );
      await expectFirstFailure(ledger, { position: middleSeal + SEAL_EVERY, code: 'seal.gap' });
    });

    it('the first seal removed fails at the end of the seal that is now first with seal.gap', async () => {
      const ledger = await sealedLedger();
      await tamper(ledger, (client) =>
        client.query('delete from seals where to_position = $1', [SEAL_EVERY]),
      );
      await expectFirstFailure(ledger, { position: 2 * SEAL_EVERY, code: 'seal.gap' });
    });
  });

  describe('several tamperings', () => {
    it.each<[string, string, number, number, VerificationFailure['code']]>([
      ['a seal', 'a later event', 2 * SEAL_EVERY, 35, 'seal.signature_invalid'],
      ['an event', 'a later seal', 3 * SEAL_EVERY, 13, 'event.hash_mismatch'],
    ])('%s broken before %s: the lower position is reported', async (_a, _b, sealEnd, position, code) => {
      const ledger = await sealedLedger();
      await tamper(ledger, async (client) => {
        await client.query(
          `update seals set signature = ${flipFirstBit('signature')} where to_position = $1`,
          [sealEnd],
        );
        await client.query(`update events set data = '{"forged": true}' where seq = $1`, [
          eventAt(ledger, position).seq,
        ]);
      });
      await expectFirstFailure(ledger, { position: Math.min(sealEnd, position), code });
    });
  });

  describe('a sub-range', () => {
    it('that leaves out the tampered position passes; one that takes it in fails there', async () => {
      const ledger = await sealedLedger();
      const position = 17;
      await tamper(ledger, (client) =>
        client.query(`update events set data = '{"forged": true}' where seq = $1`, [
          eventAt(ledger, position).seq,
        ]),
      );
      const outside = [{ to: position - 1 }, { from: position + 1 }, { to: SEAL_EVERY }];
      const inside = [{ from: position, to: position }, { from: position - 1, to: position + 1 }, {}];
      const outsideReports = await Promise.all(outside.map((range) => verify(ledger, range)));
      const insideReports = await Promise.all(inside.map((range) => verify(ledger, range)));
      expect(outsideReports.map(failureOf)).toEqual(outside.map(() => undefined));
      expect(insideReports.map(failureOf)).toEqual(
        inside.map(() => ({ position, code: 'event.hash_mismatch' })),
      );
    });

    it('that starts after a removed event fails at the next version of its stream with stream.event_missing', async () => {
      const ledger = await sealedLedger();
      const removed = eventAt(ledger, 17);
      const next = nextVersionOf(ledger, removed)!;
      await tamper(ledger, (client) => deleteEvent(client, removed));
      const report = await verify(ledger, { from: removed.position! + 1 });
      expect(failureOf(report)).toEqual({ position: next.position, code: 'stream.event_missing' });
    });

    it('that ends on removed ledger rows fails at the first of them with ledger.gap', async () => {
      const ledger = await sealedLedger();
      const removed = [24, 25];
      await tamper(ledger, async (client) => {
        for (const position of removed) {
          await deleteLedgerRow(client, position);
          await deleteEvent(client, eventAt(ledger, position));
        }
      });
      const report = await verify(ledger, { from: 21, to: removed[1] });
      expect(failureOf(report)).toEqual({ position: removed[0], code: 'ledger.gap' });
    });
  });
});

describe('append-only tables (PostgreSQL)', () => {
  let database: TestDatabase<EventStoreDB>;

  // Each statement gets its own database, so that one the triggers let through cannot hide the next.
  beforeEach(async () => {
    database = await createTestDatabase<EventStoreDB>();
    const store = new EventStore(database.db, { limits });
    const sequencer = new Sequencer({
      url: database.url,
      batchSize: 100,
      pollIntervalMs: 20,
      seals: { key, everyEvents: 1, intervalMs: 100_000 },
    });
    sequencer.start();
    try {
      await store.withPositions(
        await store.appendToStream('ext-guarded-1', 'no_stream', [eventNumber(0), eventNumber(1)]),
      );
    } finally {
      await sequencer.stop();
    }
  });

  afterEach(async () => database.drop());

  const counts = async () =>
    (
      await sql<{ events: number; ledger: number; seals: number }>`
        select (select count(*)::int from events) as events, (select count(*)::int from ledger) as ledger,
               (select count(*)::int from seals) as seals`.execute(database.db)
    ).rows[0];

  const changes = {
    UPDATE: (table: string) => `update ${table} set ${table === 'seals' ? 'signature' : 'hash'} = ''`,
    DELETE: (table: string) => `delete from ${table}`,
    // events is referenced by ledger: without cascade PostgreSQL refuses before any trigger runs.
    TRUNCATE: (table: string) => `truncate ${table}${table === 'events' ? ' cascade' : ''}`,
  };

  it.each(
    ['events', 'ledger', 'seals'].flatMap((table) =>
      (['UPDATE', 'DELETE', 'TRUNCATE'] as const).map((operation) => [operation, table] as const),
    ),
  )('refuses %s on %s with SQLSTATE AN003 and changes nothing', async (operation, table) => {
    const before = await counts();
    expect(before).toEqual({ events: 2, ledger: 2, seals: expect.any(Number) });
    expect(before.seals).toBeGreaterThan(0);
    await expect(sql.raw(changes[operation](table)).execute(database.db)).rejects.toMatchObject({
      code: 'AN003',
      message: `annals: ${table} is append-only: ${operation} refused`,
    });
    expect(await counts()).toEqual(before);
  });
});
