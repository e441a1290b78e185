import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalEvent } from '../envelope';
import { eventHash, ledgerHash } from '../hash-chain';
import { loadOrCreateSealKey, SealKey } from '../seal-keys';
import { buildSealedLedger, SealedLedger } from '../testing/sealed-ledger';
import { VerificationRepository } from '../verification.repository';
import { BundleExporter, BundleRangeError } from './bundle-exporter';
import { BundleEventLine, BundleLine, fingerprintOf } from './bundle-format';
import { BundleFailureCode, BundleReport, BundleTrust, verifyBundle } from './bundle-verifier';

const SEALED = 40;
const SEAL_EVERY = 10;
const UNSEALED = 3;
const HEAD = SEALED + UNSEALED;

let keyDir: string;
let key: SealKey;
let ledger: SealedLedger;
let exporter: BundleExporter;

beforeAll(async () => {
  keyDir = mkdtempSync(join(tmpdir(), 'annals-bundle-'));
  key = loadOrCreateSealKey(join(keyDir, 'seal-key.pem'));
  ledger = await buildSealedLedger({ key, sealed: SEALED, sealEvery: SEAL_EVERY, unsealed: UNSEALED });
  exporter = new BundleExporter(new VerificationRepository(ledger.database.db));
});

afterAll(async () => {
  await ledger?.database.drop();
  rmSync(keyDir, { recursive: true, force: true });
});

async function exportLines(range: { from?: number; to?: number }): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exporter.lines(await exporter.plan(range))) lines.push(line);
  return lines;
}

const trustingKey = (): BundleTrust => ({ publicKeys: [key.publicKey] });

/** Verifies text handed over in small, line-splitting chunks, as a file or a socket delivers it. */
async function verifyText(text: string, trust: BundleTrust = trustingKey()): Promise<BundleReport> {
  async function* chunks() {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += 97) yield bytes.subarray(i, i + 97);
  }
  return verifyBundle(chunks(), trust);
}

const parse = (line: string) => JSON.parse(line) as BundleLine;
const lineOfPosition = (lines: string[], position: number): number =>
  lines.findIndex((l) => {
    const parsed = parse(l);
    return parsed.kind === 'event' && parsed.position === position;
  });
const lineOfSeal = (lines: string[], toPosition: number): number =>
  lines.findIndex((l) => {
    const parsed = parse(l);
    return parsed.kind === 'seal' && parsed.toPosition === toPosition;
  });
const rewrite = (line: string, change: (value: any) => void): string => {
  const value = JSON.parse(line);
  change(value);
  return `${JSON.stringify(value)}\n`;
};

function expectFailure(report: BundleReport, line: number, code: BundleFailureCode): void {
  expect({ ok: report.ok, line: report.firstFailure?.line, code: report.firstFailure?.code }).toEqual({
    ok: false,
    line,
    code,
  });
}

describe('audit bundles from a sealed ledger (PostgreSQL)', () => {
  let full: string[];
  let partial: string[];

  beforeAll(async () => {
    full = await exportLines({ to: SEALED });
    partial = await exportLines({ from: 15, to: 25 });
  });

  describe('a good bundle', () => {
    it('is a header, every event with each seal right after the event at its end, and a trailer', () => {
      const kinds = full.map((l) => parse(l).kind);
      expect(kinds[0]).toBe('header');
      expect(kinds[kinds.length - 1]).toBe('trailer');
      expect(kinds.filter((k) => k === 'event')).toHaveLength(SEALED);
      const sealEnds = full.map(parse).flatMap((l) => (l.kind === 'seal' ? [l.toPosition] : []));
      expect(sealEnds).toEqual([10, 20, 30, 40]);
      for (const end of sealEnds) expect(lineOfSeal(full, end)).toBe(lineOfPosition(full, end) + 1);
      expect(parse(full[0])).toMatchObject({
        from: 1,
        to: SEALED,
        sealedTo: SEALED,
        anchor: '0'.repeat(64),
        keys: [{ keyId: key.keyId, fingerprint: fingerprintOf(key.publicKey) }],
      });
    });

    it('verifies with the public key, reporting every event and seal checked', async () => {
      expect(await verifyText(full.join(''))).toEqual({
        ok: true,
        lines: full.length,
        from: 1,
        to: SEALED,
        eventsChecked: SEALED,
        sealsChecked: 4,
        sealedTo: SEALED,
        unsealedEvents: 0,
        signedBy: [key.keyId],
        digest: (parse(full[full.length - 1]) as { digest: string }).digest,
      });
    });

    it('verifies with the header’s key when its fingerprint is the one trusted, and not otherwise', async () => {
      const byFingerprint = await verifyText(full.join(''), {
        publicKeys: [],
        fingerprints: [fingerprintOf(key.publicKey)],
      });
      expect(byFingerprint.ok).toBe(true);
      const untrusting = await verifyText(full.join(''), { publicKeys: [] });
      expectFailure(untrusting, lineOfSeal(full, 10) + 1, 'seal.untrusted_key');
    });

    it('of a sub-range reaches to the end of the seal covering its end, anchored at the hash before it', async () => {
      const header = parse(partial[0]);
      const [anchor] = await new VerificationRepository(ledger.database.db).links(14, 14, 1);
      expect(header).toMatchObject({
        from: 15,
        to: 30,
        sealedTo: 30,
        anchor: anchor.ledgerHash.toString('hex'),
      });
      const report = await verifyText(partial.join(''));
      expect(report).toMatchObject({ ok: true, eventsChecked: 16, sealsChecked: 2, sealedTo: 30 });
    });

    it('past the last seal fails as unsealed unless unsealed events are allowed, and then says how many', async () => {
      const head = await exportLines({ from: 31 });
      expect(parse(head[0])).toMatchObject({ from: 31, to: HEAD, sealedTo: SEALED });
      expectFailure(await verifyText(head.join('')), head.length, 'bundle.unsealed');
      const allowed = await verifyText(head.join(''), { ...trustingKey(), allowUnsealed: true });
      expect(allowed).toMatchObject({
        ok: true,
        eventsChecked: HEAD - 30,
        sealedTo: SEALED,
        unsealedEvents: UNSEALED,
      });
    });
  });

  describe('tampering is caught at the line', () => {
    type Tamper = (lines: string[]) => { text: string; line: number; code: BundleFailureCode };

    const cases: [string, Tamper][] = [
      [
        'data altered',
        (lines) => {
          const at = lineOfPosition(lines, 17);
          lines[at] = rewrite(lines[at], (e) => (e.data.n = 999));
          return { text: lines.join(''), line: at + 1, code: 'event.hash_mismatch' };
        },
      ],
      [
        'metadata altered',
        (lines) => {
          const at = lineOfPosition(lines, 26);
          lines[at] = rewrite(lines[at], (e) => (e.metadata.actor.id = 'intruder'));
          return { text: lines.join(''), line: at + 1, code: 'event.hash_mismatch' };
        },
      ],
      [
        'an event line removed',
        (lines) => {
          const at = lineOfPosition(lines, 7);
          lines.splice(at, 1);
          return { text: lines.join(''), line: at + 1, code: 'ledger.gap' };
        },
      ],
      [
        'two event lines swapped',
        (lines) => {
          const at = lineOfPosition(lines, 7);
          [lines[at], lines[at + 1]] = [lines[at + 1], lines[at]];
          return { text: lines.join(''), line: at + 1, code: 'ledger.gap' };
        },
      ],
      [
        'an event line duplicated',
        (lines) => {
          const at = lineOfPosition(lines, 7);
          lines.splice(at + 1, 0, lines[at]);
          return { text: lines.join(''), line: at + 2, code: 'bundle.out_of_order' };
        },
      ],
      [
        'a seal moved before its last event',
        (lines) => {
          const at = lineOfSeal(lines, 20);
          [lines[at - 1], lines[at]] = [lines[at], lines[at - 1]];
          return { text: lines.join(''), line: at, code: 'bundle.seal_misplaced' };
        },
      ],
      [
        'a seal signature altered',
        (lines) => {
          const at = lineOfSeal(lines, 20);
          lines[at] = rewrite(lines[at], (s) => {
            const signature = Buffer.from(s.signature, 'base64');
            signature[0] ^= 1;
            s.signature = signature.toString('base64');
          });
          return { text: lines.join(''), line: at + 1, code: 'seal.signature_invalid' };
        },
      ],
      [
        'a seal removed from the middle',
        (lines) => {
          const at = lineOfSeal(lines, 20);
          lines.splice(at, 1);
          return { text: lines.join(''), line: lineOfSeal(lines, 30) + 1, code: 'seal.gap' };
        },
      ],
      [
        'the last seal removed',
        (lines) => {
          lines.splice(lineOfSeal(lines, 40), 1);
          return { text: lines.join(''), line: lines.length, code: 'seal.missing' };
        },
      ],
      [
        'the anchor of the header altered (from 1)',
        (lines) => {
          lines[0] = rewrite(lines[0], (h) => (h.anchor = `01${h.anchor.slice(2)}`));
          return { text: lines.join(''), line: 1, code: 'bundle.anchor_invalid' };
        },
      ],
      [
        'the trailer’s digest altered',
        (lines) => {
          const last = lines.length - 1;
          lines[last] = rewrite(lines[last], (t) => (t.digest = `00${t.digest.slice(2)}`));
          return { text: lines.join(''), line: lines.length, code: 'trailer.digest_mismatch' };
        },
      ],
      [
        'the trailer’s count altered',
        (lines) => {
          const last = lines.length - 1;
          lines[last] = rewrite(lines[last], (t) => (t.lines -= 1));
          return { text: lines.join(''), line: lines.length, code: 'trailer.count_mismatch' };
        },
      ],
      [
        'the trailer removed',
        (lines) => ({ text: lines.slice(0, -1).join(''), line: lines.length, code: 'bundle.truncated' }),
      ],
      [
        'the file cut in the middle of a line',
        (lines) => {
          const at = lineOfPosition(lines, 12);
          const text = lines.slice(0, at).join('') + lines[at].slice(0, 40);
          return { text, line: at + 1, code: 'bundle.truncated' };
        },
      ],
      [
        'the file cut after a seal',
        (lines) => ({
          text: lines.slice(0, lineOfSeal(lines, 20) + 1).join(''),
          line: lineOfSeal(lines, 20) + 2,
          code: 'bundle.truncated',
        }),
      ],
      [
        'white space added to a line (hashes unchanged, bytes not)',
        (lines) => {
          const at = lineOfPosition(lines, 5);
          lines[at] = lines[at].replace('{"kind"', '{ "kind"');
          return { text: lines.join(''), line: lines.length, code: 'trailer.digest_mismatch' };
        },
      ],
      [
        'a field added to an event line',
        (lines) => {
          const at = lineOfPosition(lines, 5);
          lines[at] = rewrite(lines[at], (e) => (e.note = 'added'));
          return { text: lines.join(''), line: at + 1, code: 'bundle.malformed_line' };
        },
      ],
      [
        'a line after the trailer',
        (lines) => ({
          text: lines.join('') + lines[1],
          line: lines.length + 1,
          code: 'bundle.trailing_data',
        }),
      ],
      [
        'an event forged with every hash after it and the trailer recomputed (no seal key)',
        (lines) => {
          const at = lineOfPosition(lines, 17);
          lines[at] = rewrite(lines[at], (e) => (e.data = { forged: true }));
          rechain(lines);
          return { text: lines.join(''), line: lineOfSeal(lines, 20) + 1, code: 'seal.head_mismatch' };
        },
      ],
    ];

    it.each(cases)('%s', async (_, tamper) => {
      const { text, line, code } = tamper([...full]);
      expectFailure(await verifyText(text), line, code);
    });

    it('the anchor of a sub-range’s header altered fails at the first event', async () => {
      const lines = [...partial];
      lines[0] = rewrite(lines[0], (h) => (h.anchor = `${h.anchor.slice(0, 62)}00`));
      expectFailure(await verifyText(lines.join('')), 2, 'ledger.hash_mismatch');
    });

    it('a wrong public key fails at the first seal', async () => {
      const other = loadOrCreateSealKey(join(keyDir, 'other.pem'));
      const report = await verifyText(full.join(''), { publicKeys: [other.publicKey] });
      expectFailure(report, lineOfSeal(full, 10) + 1, 'seal.untrusted_key');
    });

    it('a header key claiming a trusted fingerprint it does not have is refused at the header', async () => {
      const other = loadOrCreateSealKey(join(keyDir, 'other.pem'));
      const lines = [...full];
      lines[0] = rewrite(lines[0], (h) => (h.keys[0].publicKey = other.publicKeyPem));
      const report = await verifyText(lines.join(''), {
        publicKeys: [],
        fingerprints: [fingerprintOf(key.publicKey)],
      });
      expectFailure(report, 1, 'bundle.header_invalid');
    });
  });

  describe('export ranges', () => {
    it.each([
      [{ from: 0 }, 'from'],
      [{ from: HEAD + 1 }, 'from'],
      [{ from: 10, to: 9 }, 'to'],
      [{ to: HEAD + 1 }, 'to'],
    ])('refuses %j, naming %s', async (range, field) => {
      await expect(exporter.plan(range)).rejects.toMatchObject({ code: 'audit.range_invalid', field });
      await expect(exporter.plan(range)).rejects.toBeInstanceOf(BundleRangeError);
    });
  });
});

/** What a forger without the seal key can do: make every stream link, ledger link and the trailer consistent again. */
function rechain(lines: string[]): void {
  const heads = new Map<string, string>();
  let previousLink: Buffer | null = null;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = JSON.parse(lines[i]) as BundleLine;
    if (line.kind !== 'event') continue;
    const previousHash = heads.get(line.streamId) ?? line.previousHash;
    const hash = eventHash(
      previousHash === null ? null : Buffer.from(previousHash, 'hex'),
      line.version,
      canonicalEvent(line),
    );
    const link: Buffer = ledgerHash(previousLink, line.position, hash);
    const forged: BundleEventLine = {
      ...line,
      previousHash,
      hash: hash.toString('hex'),
      ledgerHash: link.toString('hex'),
    };
    lines[i] = `${JSON.stringify(forged)}\n`;
    heads.set(line.streamId, forged.hash);
    previousLink = link;
  }
  const digest = createHash('sha256').update(lines.slice(0, -1).join('')).digest('hex');
  lines[lines.length - 1] = rewrite(lines[lines.length - 1], (t) => (t.digest = digest));
}
