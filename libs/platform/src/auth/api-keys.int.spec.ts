import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { generateApiKey } from './api-key';
import { ApiKeys, KeyRefused } from './api-keys';

describe('ApiKeys (PostgreSQL)', () => {
  let database: TestDatabase;
  beforeEach(async () => (database = await createTestDatabase()));
  afterEach(async () => database.drop());

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof KeyRefused ? error.reason : error),
    );

  it('creates one first admin key however many processes start at once, and none on restart', async () => {
    const starts = Array.from({ length: 6 }, () => new ApiKeys(database.db).ensureAdminKey(undefined));
    const tokens = (await Promise.all(starts)).filter((token) => token !== undefined);
    expect(tokens).toHaveLength(1);
    expect(await new ApiKeys(database.db).verify(tokens[0]!)).toMatchObject({ role: 'admin' });
    expect(await new ApiKeys(database.db).ensureAdminKey(undefined)).toBeUndefined();
  });

  it('stores a configured admin key once, and refuses one that reuses its id with another secret', async () => {
    const configured = generateApiKey().token;
    const keys = new ApiKeys(database.db);
    await keys.ensureAdminKey(configured);
    await keys.ensureAdminKey(configured);
    expect((await keys.list(10)).items).toHaveLength(1);
    expect(await keys.verify(configured)).toMatchObject({ role: 'admin' });
    // Nothing is generated besides a configured key.
    expect(await keys.ensureAdminKey(undefined)).toBeUndefined();
    const impostor = `${configured.slice(0, 21)}${generateApiKey().token.slice(21)}`;
    const error = await keys.ensureAdminKey(impostor).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/another secret/);
    expect((error as Error).message).not.toContain(impostor.slice(21));
  });

  it('stores only the hash of the secret', async () => {
    const keys = new ApiKeys(database.db);
    const { token } = await keys.create({ name: 'n', role: 'analyst' });
    const { rows } = await database.pool.query('select * from api_keys');
    expect(JSON.stringify(rows)).not.toContain(token.slice(21));
    expect(rows[0].secret_hash).toHaveLength(32);
  });

  it('tells why a key is refused: malformed, unknown (also for a wrong secret), revoked, expired', async () => {
    let now = new Date();
    const keys = new ApiKeys(database.db, { clock: () => now });
    const { key, token } = await keys.create({
      name: 'n',
      role: 'publisher',
      expiresAt: new Date(now.getTime() + 60_000),
    });
    expect(await keys.verify(token)).toEqual({ id: key.id, role: 'publisher', workflowId: undefined });
    expect(await refusal(keys.verify('nope'))).toBe('malformed');
    expect(await refusal(keys.verify(`${token.slice(0, -2)}xx`))).toBe('unknown');
    expect(await refusal(keys.verify(generateApiKey().token))).toBe('unknown');
    now = new Date(now.getTime() + 60_000);
    expect(await refusal(keys.verify(token))).toBe('expired');
    const other = await keys.create({ name: 'm', role: 'analyst' });
    await keys.revoke(other.key.id);
    expect(await refusal(keys.verify(other.token))).toBe('revoked');
  });

  it('reuses a cached key row for cacheMs: a revocation elsewhere is seen once it expires', async () => {
    const cached = new ApiKeys(database.db, { cacheMs: 200 });
    const { key, token } = await cached.create({ name: 'n', role: 'analyst' });
    await cached.verify(token);
    await new ApiKeys(database.db).revoke(key.id);
    expect(await refusal(cached.verify(token))).toBe('accepted');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await refusal(cached.verify(token))).toBe('revoked');
  });

  it('records when a key was last used, at most once a minute', async () => {
    const keys = new ApiKeys(database.db);
    const { key, token } = await keys.create({ name: 'n', role: 'analyst' });
    expect((await keys.get(key.id))!.lastUsedAt).toBeNull();
    await keys.verify(token);
    const first = (await keys.get(key.id))!.lastUsedAt;
    expect(first).not.toBeNull();
    await keys.verify(token);
    expect((await keys.get(key.id))!.lastUsedAt).toBe(first);
  });

  it('pages keys in creation order without skipping or repeating', async () => {
    const keys = new ApiKeys(database.db);
    for (let i = 0; i < 7; i++) await keys.create({ name: `k${i}`, role: 'analyst' });
    const pages: { name: string; createdAt: string; id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await keys.list(3, cursor);
      pages.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((k) => k.name).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    // Creation order at millisecond precision; keys made in the same millisecond follow their ids.
    const byCreation = [...pages].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    expect(pages).toEqual(byCreation);
  });
});
