import { ApiKeys } from '@annals/platform/auth/api-keys';
import { API_KEY_PATTERN } from '@annals/platform/auth/api-key';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { runCli } from '../cli';
import { CommandRegistry } from '../command-registry';
import { ExitCode } from '../exit-codes';
import { expiryOf, keysCommand } from './keys.command';

let database: TestDatabase;

beforeAll(async () => (database = await createTestDatabase()));
afterAll(async () => database?.drop());

async function annals(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { DATABASE_URL: database.url, LOG_LEVEL: 'error' },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    commands: new CommandRegistry([keysCommand]),
    version: 'test',
  });
  return { code, out, err };
}

describe('annals keys (PostgreSQL)', () => {
  it('create: prints the key once; the stored key verifies with its role and scope', async () => {
    const result = await annals(
      'keys',
      'create',
      '--role',
      'publisher',
      '--name',
      'ci',
      '--workflow',
      'wf-1',
      '--json',
    );
    expect(result.code).toBe(ExitCode.ok);
    const { key, token } = JSON.parse(result.out[0]);
    expect(token).toMatch(API_KEY_PATTERN);
    expect(key).toMatchObject({ role: 'publisher', name: 'ci', workflowId: 'wf-1', status: 'active' });
    expect(await new ApiKeys(database.db).verify(token)).toEqual({
      id: key.id,
      role: 'publisher',
      workflowId: 'wf-1',
    });
  });

  it('create: an expiry as a duration or a date-time', async () => {
    const result = await annals('keys', 'create', '--role', 'analyst', '--name', 'dash', '--expires', '30d');
    expect(result.code).toBe(ExitCode.ok);
    expect(result.out[0]).toMatch(/^created [0-9a-f]{16} analyst active "dash" expires=/);
    expect(result.out[1]).toMatch(/^key \(shown this once, stored only as a hash\): ank_/);
  });

  it('create: refuses a wrong role, a missing name, a past expiry with usage (exit 2), writing nothing', async () => {
    const before = (await annals('keys', 'list', '--json')).out[0];
    const result = await annals('keys', 'create', '--role', 'root', '--expires', '2001-01-01T00:00:00Z');
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err[0]).toMatch(/--name: .*; --role: .*; --expires: /);
    expect((await annals('keys', 'list', '--json')).out[0]).toBe(before);
  });

  it('list and revoke: the revoked key is listed as revoked and refused', async () => {
    const created = JSON.parse(
      (await annals('keys', 'create', '--role', 'auditor', '--name', 'audit', '--json')).out[0],
    );
    const revoked = await annals('keys', 'revoke', created.key.id, '--json');
    expect(revoked.code).toBe(ExitCode.ok);
    expect(JSON.parse(revoked.out[0])).toMatchObject({ id: created.key.id, status: 'revoked' });
    const listed = JSON.parse((await annals('keys', 'list', '--json')).out[0]);
    expect(listed.map((k: { name: string; status: string }) => `${k.name}:${k.status}`)).toEqual([
      'ci:active',
      'dash:active',
      'audit:revoked',
    ]);
    await expect(new ApiKeys(database.db).verify(created.token)).rejects.toThrow('revoked');
  });

  it('revoke: exit 1 for an unknown id, 2 for a malformed one', async () => {
    expect((await annals('keys', 'revoke', '0123456789abcdef')).code).toBe(ExitCode.failure);
    expect((await annals('keys', 'revoke', '../../etc/passwd')).code).toBe(ExitCode.usage);
    expect((await annals('keys', 'rotate')).code).toBe(ExitCode.usage);
  });
});

describe('expiryOf', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    ['30d', '2026-01-31T00:00:00.000Z'],
    ['12h', '2026-01-01T12:00:00.000Z'],
    ['45m', '2026-01-01T00:45:00.000Z'],
    ['2027-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
  ])('%s', (text, expected) => expect(expiryOf(text, now)).toBe(expected));
});
