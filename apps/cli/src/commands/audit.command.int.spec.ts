import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadOrCreateSealKey, SealKey } from '@annals/event-store';
import { fingerprintOf } from '@annals/event-store/bundle';
import { buildSealedLedger, SealedLedger } from '@annals/event-store/testing/sealed-ledger';
import { ExitCode } from '../exit-codes';
import { runCliCaptured } from '../testing/run-cli-captured';

const SEALED = 40;
const UNSEALED = 3;

let dir: string;
let key: SealKey;
let ledger: SealedLedger;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'annals-audit-cli-'));
  key = loadOrCreateSealKey(join(dir, 'seal-key.pem'));
  ledger = await buildSealedLedger({ key, sealed: SEALED, sealEvery: 10, unsealed: UNSEALED });
  env = { DATABASE_URL: ledger.database.url, ANNALS_DATA_DIR: dir, LOG_LEVEL: 'error' };
});

afterAll(async () => {
  await ledger?.database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const annals = (...argv: string[]) => runCliCaptured(argv, { env });

const bundleFile = (name: string) => join(dir, name);

describe('annals audit (PostgreSQL)', () => {
  it('verify: exit 0 and the report as JSON for an untouched ledger', async () => {
    const result = await annals('audit', 'verify', '--json');
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.out[0])).toEqual({
      ok: true,
      from: 1,
      to: SEALED + UNSEALED,
      eventsChecked: SEALED + UNSEALED,
      sealsChecked: 4,
    });
  });

  it('verify: refuses a position that is not one with exit 2', async () => {
    const result = await annals('audit', 'verify', '--from', 'ten');
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err[0]).toBe("annals: --from must be a ledger position (an integer >= 1), got 'ten'");
  });

  it('seals: lists every seal over the range', async () => {
    const result = await annals('audit', 'seals', '--json', '--from', '11', '--to', '25');
    expect(result.code).toBe(ExitCode.ok);
    const { items } = JSON.parse(result.out[0]);
    expect(items.map((s: any) => [s.fromPosition, s.toPosition, s.keyId])).toEqual([
      [11, 20, key.keyId],
      [21, 30, key.keyId],
    ]);
  });

  it('public-key: prints the PEM, the key id, the fingerprint and the base64 SPKI', async () => {
    const result = await annals('audit', 'public-key', '--json');
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.out[0])).toEqual({
      keyId: key.keyId,
      fingerprint: fingerprintOf(key.publicKey),
      publicKey: key.publicKeyPem,
      spki: key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    });
  });

  it('public-key: exit 66 when the service has no key yet, without creating one', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'annals-no-key-'));
    const { code, err } = await runCliCaptured(['audit', 'public-key'], { env: { ANNALS_DATA_DIR: empty } });
    expect(code).toBe(ExitCode.noInput);
    expect(err[0]).toMatch(/no seal key at .*seal-key\.pem/);
    expect(existsSync(join(empty, 'seal-key.pem'))).toBe(false);
    rmSync(empty, { recursive: true, force: true });
  });

  describe('export and verify-bundle', () => {
    let sealed: string;
    let head: string;

    beforeAll(async () => {
      sealed = bundleFile('sealed.ndjson');
      head = bundleFile('head.ndjson');
      expect((await annals('audit', 'export', '--to', String(SEALED), '--out', sealed)).code).toBe(
        ExitCode.ok,
      );
      expect((await annals('audit', 'export', '--from', '31', '--out', head)).code).toBe(ExitCode.ok);
    });

    it('export writes the bundle to --out, leaving no partial file, and reports on stderr', async () => {
      expect(existsSync(`${sealed}.partial`)).toBe(false);
      const lines = readFileSync(sealed, 'utf8').trimEnd().split('\n');
      expect(JSON.parse(lines[0])).toMatchObject({ kind: 'header', from: 1, to: SEALED });
      expect(JSON.parse(lines[lines.length - 1])).toMatchObject({
        kind: 'trailer',
        events: SEALED,
        seals: 4,
      });
    });

    it('export warns on stderr when the range runs past the last seal', async () => {
      const result = await annals('audit', 'export', '--from', '41', '--out', bundleFile('tail.ndjson'));
      expect(result.code).toBe(ExitCode.ok);
      expect(result.err.join('\n')).toContain(`positions 41..${SEALED + UNSEALED} are not sealed yet`);
    });

    it('export refuses a range past the head with exit 2, writing nothing', async () => {
      const out = bundleFile('nothing.ndjson');
      const result = await annals('audit', 'export', '--from', '999', '--out', out);
      expect(result.code).toBe(ExitCode.usage);
      expect(result.err[0]).toBe(`annals: --from must be from 1 to ${SEALED + UNSEALED}, got 999`);
      expect(existsSync(out)).toBe(false);
    });

    it.each([
      ['the key file', () => join(dir, 'seal-key.pem')],
      ['the base64 SPKI', () => key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')],
    ])('verify-bundle: exit 0 and a summary with --public-key given as %s', async (_, value) => {
      const result = await annals('audit', 'verify-bundle', sealed, '--public-key', value());
      expect(result.code).toBe(ExitCode.ok);
      expect(result.out[0]).toMatch(
        new RegExp(
          `^ok: positions 1\\.\\.${SEALED}, ${SEALED} events and 4 seals verified \\(keys ${key.keyId}\\)`,
        ),
      );
    });

    it('verify-bundle: trusts the bundle’s own key only through --trust-fingerprint', async () => {
      const result = await annals(
        'audit',
        'verify-bundle',
        sealed,
        '--trust-fingerprint',
        fingerprintOf(key.publicKey),
        '--json',
      );
      expect(result.code).toBe(ExitCode.ok);
      expect(JSON.parse(result.out[0])).toMatchObject({
        ok: true,
        eventsChecked: SEALED,
        signedBy: [key.keyId],
      });
    });

    it('verify-bundle: without a trusted key is a usage error (exit 2)', async () => {
      const result = await annals('audit', 'verify-bundle', sealed);
      expect(result.code).toBe(ExitCode.usage);
      expect(result.err[0]).toContain('give the trusted key');
    });

    it('verify-bundle: exit 1 with the first bad line as JSON for a wrong key', async () => {
      const other = loadOrCreateSealKey(join(dir, 'other.pem'));
      const result = await annals(
        'audit',
        'verify-bundle',
        sealed,
        '--public-key',
        join(dir, 'other.pem'),
        '--json',
      );
      expect(result.code).toBe(ExitCode.failure);
      const report = JSON.parse(result.out[0]);
      expect(report).toMatchObject({ ok: false, firstFailure: { line: 12, code: 'seal.untrusted_key' } });
      expect(report.firstFailure.message).toContain(key.keyId);
      expect(other.keyId).not.toBe(key.keyId);
    });

    it('verify-bundle: exit 1 naming the line of an altered event', async () => {
      const lines = readFileSync(sealed, 'utf8').split('\n');
      const at = lines.findIndex((l) => l.includes('"position":23,'));
      lines[at] = lines[at].replace('"n":22', '"n":2200');
      const tampered = bundleFile('tampered.ndjson');
      writeFileSync(tampered, lines.join('\n'));
      const result = await annals(
        'audit',
        'verify-bundle',
        tampered,
        '--public-key',
        join(dir, 'seal-key.pem'),
      );
      expect(result.code).toBe(ExitCode.failure);
      expect(result.out[0]).toMatch(new RegExp(`^FAILED at line ${at + 1}: event\\.hash_mismatch: `));
    });

    it('verify-bundle: events past the last seal fail unless --allow-unsealed', async () => {
      const keyFile = join(dir, 'seal-key.pem');
      const strict = await annals('audit', 'verify-bundle', head, '--public-key', keyFile, '--json');
      expect(strict.code).toBe(ExitCode.failure);
      expect(JSON.parse(strict.out[0]).firstFailure.code).toBe('bundle.unsealed');
      const allowed = await annals(
        'audit',
        'verify-bundle',
        head,
        '--public-key',
        keyFile,
        '--allow-unsealed',
      );
      expect(allowed.code).toBe(ExitCode.ok);
      expect(allowed.out[0]).toContain(`${UNSEALED} events after ${SEALED} are unsealed`);
    });

    it('verify-bundle: exit 66 for a file that is not there', async () => {
      const result = await annals(
        'audit',
        'verify-bundle',
        bundleFile('absent.ndjson'),
        '--public-key',
        join(dir, 'seal-key.pem'),
      );
      expect(result.code).toBe(ExitCode.noInput);
      expect(result.err[0]).toContain('ENOENT');
    });

    it('verify-bundle: a --public-key that is no key is a usage error', async () => {
      const result = await annals('audit', 'verify-bundle', sealed, '--public-key', 'not a key!');
      expect(result.code).toBe(ExitCode.usage);
    });
  });

  it.each([
    [['audit'], 'missing subcommand: one of verify, seals, export, verify-bundle, public-key'],
    [['audit', 'vrfy'], "unknown subcommand 'vrfy': one of verify, seals, export, verify-bundle, public-key"],
    [['audit', 'seals', '--out', 'x'], "option '--out' does not apply to 'audit seals'"],
    [['audit', 'seals', 'extra'], "unexpected argument 'extra'"],
  ])('%j is a usage error (exit 2): %s', async (argv, message) => {
    const result = await annals(...argv);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err[0]).toBe(`annals: ${message}`);
    expect(result.err.join('\n')).toContain('Usage: annals audit verify');
  });

  // Last: it alters the ledger the other tests read.
  it('verify: exit 1 naming the first position that no longer matches', async () => {
    const position = 17;
    const client = new Client({ connectionString: ledger.database.url });
    await client.connect();
    try {
      // As someone with direct database access would: replica mode skips the append-only triggers.
      await client.query('set session_replication_role = replica');
      await client.query(`update events set data = jsonb_set(data, '{n}', '999') where seq = $1`, [
        ledger.events[position - 1].seq,
      ]);
    } finally {
      await client.end();
    }
    const result = await annals('audit', 'verify');
    expect(result.code).toBe(ExitCode.failure);
    expect(result.out[0]).toMatch(new RegExp(`^FAILED at position ${position}: event\\.hash_mismatch: `));
  });
});
