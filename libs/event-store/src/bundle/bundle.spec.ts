import { generateKeyPairSync } from 'node:crypto';
import type { LedgerLinkRow, SealRow } from '../verification.repository';

// The verifier runs where there is no database: loading pg or Kysely on its way is a defect.
jest.mock('pg', () => {
  throw new Error('the offline bundle verifier loaded pg');
});
jest.mock('kysely', () => {
  throw new Error('the offline bundle verifier loaded kysely');
});

// Required after the mocks, through the offline entry point only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require('./index') as typeof import('./index');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { canonicalEvent } = require('../envelope') as typeof import('../envelope');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { eventHash, ledgerHash, GENESIS_HASH } = require('../hash-chain') as typeof import('../hash-chain');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const seals = require('../seal-keys') as typeof import('../seal-keys');

const { privateKey } = generateKeyPairSync('ed25519');
const key = seals.sealKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

/**
 * A synthetic ledger computed with the store's own hash functions, yielded one link at a time, with a
 * seal every `sealEvery` positions: what the exporter reads from PostgreSQL, without PostgreSQL.
 */
function syntheticLedger(events: number, sealEvery: number) {
  const sealRows: SealRow[] = [];
  const heads = new Map<string, Buffer>();
  let previousLink: Buffer = GENESIS_HASH;
  const versions = new Map<string, number>();
  let sealedTo = 0;
  async function* links(): AsyncGenerator<LedgerLinkRow> {
    for (let position = 1; position <= events; position++) {
      const streamId = `ext-s-${position % 7}`;
      const version = (versions.get(streamId) ?? 0) + 1;
      versions.set(streamId, version);
      const fields = {
        eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
        streamId,
        streamType: 'ext',
        type: 'Counted',
        schemaVersion: 1,
        data: { position, text: 'x'.repeat(200) },
        metadata: { actor: { id: 'bench' } },
        occurredAt: new Date(Date.UTC(2026, 0, 1) + position).toISOString(),
        recordedAt: new Date(Date.UTC(2026, 0, 1) + position).toISOString(),
      };
      const previousHash = heads.get(streamId) ?? null;
      const hash = eventHash(previousHash, version, canonicalEvent(fields));
      heads.set(streamId, hash);
      previousLink = ledgerHash(previousLink, position, hash);
      yield { position, ledgerHash: previousLink, event: { ...fields, version, hash, previousHash } };
    }
  }
  // Seals are computed ahead (a first pass), as the exporter loads them before streaming the events.
  const precompute = async () => {
    for await (const link of links()) {
      if (link.position % sealEvery === 0) {
        sealRows.push({
          fromPosition: sealedTo + 1,
          toPosition: link.position,
          headHash: link.ledgerHash,
          keyId: key.keyId,
          publicKeyPem: key.publicKeyPem,
          signature: seals.signSeal(key, sealedTo + 1, link.position, link.ledgerHash),
          sealedAt: new Date(0).toISOString(),
        });
        sealedTo = link.position;
      }
    }
    heads.clear();
    versions.clear();
    previousLink = GENESIS_HASH;
  };
  return { links, sealRows, precompute };
}

async function* asBytes(lines: AsyncIterable<string>, chunk?: number): AsyncGenerator<Buffer> {
  for await (const line of lines) {
    const bytes = Buffer.from(line, 'utf8');
    if (!chunk) yield bytes;
    else for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
}

async function streamThrough(events: number, sealEvery: number, chunk?: number) {
  const ledger = syntheticLedger(events, sealEvery);
  await ledger.precompute();
  const lines = bundle.bundleLines({
    from: 1,
    to: events,
    anchor: GENESIS_HASH,
    seals: ledger.sealRows,
    links: ledger.links(),
    createdAt: new Date(0),
  });
  return bundle.verifyBundle(asBytes(lines, chunk), { publicKeys: [key.publicKey] });
}

describe('audit bundles, offline', () => {
  it('writes and verifies without loading pg or kysely, whatever the chunking of the bytes', async () => {
    for (const chunk of [undefined, 1, 7, 4096]) {
      const report = await streamThrough(50, 10, chunk);
      expect({ chunk, ok: report.ok, events: report.eventsChecked, seals: report.sealsChecked }).toEqual({
        chunk,
        ok: true,
        events: 50,
        seals: 5,
      });
    }
  });

  it('streams from writer to verifier a line at a time: the bundle is never held whole', async () => {
    const events = 5000;
    const ledger = syntheticLedger(events, 100);
    await ledger.precompute();
    let pulled = 0;
    async function* counted() {
      for await (const link of ledger.links()) {
        pulled += 1;
        yield link;
      }
    }
    const lines = bundle.bundleLines({
      from: 1,
      to: events,
      anchor: GENESIS_HASH,
      seals: ledger.sealRows,
      links: counted(),
      createdAt: new Date(0),
    });
    let verified = 0;
    let mostAhead = 0;
    const report = await bundle.verifyBundle(asBytes(lines), { publicKeys: [key.publicKey] }, (line) => {
      if (line.text.startsWith('{"kind":"event"')) verified += 1;
      mostAhead = Math.max(mostAhead, pulled - verified);
    });
    expect(report).toMatchObject({ ok: true, eventsChecked: events, sealsChecked: events / 100 });
    // The writer reads a link only when the verifier asks for the next line.
    expect(mostAhead).toBeLessThanOrEqual(1);
  });
});

describe('parseBundleLine', () => {
  it.each([
    ['not JSON', '{"kind":'],
    ['an array', '[1]'],
    ['an unknown kind', '{"kind":"note"}'],
    ['a missing field', '{"kind":"trailer","lines":3,"events":1,"seals":1}'],
    ['a wrong type', '{"kind":"trailer","lines":"3","events":1,"seals":1,"digest":"' + '0'.repeat(64) + '"}'],
    [
      'an upper-case hash',
      '{"kind":"trailer","lines":3,"events":1,"seals":1,"digest":"' + 'A'.repeat(64) + '"}',
    ],
    [
      'an extra field',
      '{"kind":"trailer","lines":3,"events":1,"seals":1,"digest":"' + '0'.repeat(64) + '","x":1}',
    ],
  ])('refuses %s with bundle.malformed_line', (_, text) => {
    expect(() => bundle.parseBundleLine(text)).toThrow(bundle.MalformedBundleLineError);
  });

  it('reads a well-formed trailer', () => {
    const text = '{"kind":"trailer","lines":3,"events":1,"seals":1,"digest":"' + 'a'.repeat(64) + '"}';
    expect(bundle.parseBundleLine(text)).toEqual(JSON.parse(text));
  });
});

describe('BundleVerifier', () => {
  const verify = (text: string) => bundle.verifyBundle([Buffer.from(text)], { publicKeys: [key.publicKey] });

  it('reports an empty file as cut short at line 1', async () => {
    expect((await verify('')).firstFailure).toMatchObject({ line: 1, code: 'bundle.truncated' });
  });

  it('refuses a first line that is not a header', async () => {
    const trailer = '{"kind":"trailer","lines":3,"events":1,"seals":1,"digest":"' + 'a'.repeat(64) + '"}\n';
    expect((await verify(trailer)).firstFailure).toMatchObject({ line: 1, code: 'bundle.header_invalid' });
  });

  it('refuses a format version it does not read', async () => {
    const header = {
      kind: 'header',
      format: bundle.BUNDLE_FORMAT,
      version: 2,
      from: 1,
      to: 1,
      sealedTo: 1,
      anchor: '0'.repeat(64),
      keys: [],
      createdAt: new Date(0).toISOString(),
    };
    expect((await verify(`${JSON.stringify(header)}\n`)).firstFailure).toMatchObject({
      line: 1,
      code: 'bundle.unsupported_version',
    });
  });
});
