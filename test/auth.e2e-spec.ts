import { sql } from 'kysely';
import { API_KEY_PATTERN } from '@annals/platform/auth/api-key';
import { ApiKeys } from '@annals/platform/auth/api-keys';
import { Permission, Role } from '../apps/annals/src/auth/access';
import { ROUTE_POLICY } from '../apps/annals/src/auth/route-policy';
import { RouteRegistry } from '../apps/annals/src/auth/route-registry';
import { startTestApp, TestApp, TestResponse } from './support/test-app';

/** Everything the processes of this spec write to stdout and stderr (Nest's logger writes there). */
const output: string[] = [];
function captureOutput(): () => void {
  const spies = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream);
    return jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      output.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  });
  return () => spies.forEach((spy) => spy.mockRestore());
}

/** The table, written out rather than derived from the code it checks. */
const GRANTS: Record<Role, Permission[]> = {
  publisher: ['write'],
  analyst: ['query'],
  auditor: ['query', 'audit'],
  admin: ['write', 'query', 'audit', 'admin'],
};
const ROLES = Object.keys(GRANTS) as Role[];

/** Every token this spec has seen: none may ever appear in the output. */
const secrets = new Set<string>();

describe('API keys and roles over REST', () => {
  let t: TestApp;
  let restoreOutput: () => void;
  const keys = {} as Record<Role, { id: string; token: string }>;

  beforeAll(async () => {
    restoreOutput = captureOutput();
    // verbose: whatever the service logs at any level is captured and searched for keys.
    t = await startTestApp({ LOG_LEVEL: 'verbose', ANNALS_AUTH_CACHE_MS: '300' });
    secrets.add(t.adminKey!);
    for (const role of ROLES) keys[role] = await createKey({ name: `${role}-key`, role });
  });
  afterAll(async () => {
    await t?.close();
    restoreOutput?.();
  });

  async function createKey(body: object): Promise<{ id: string; token: string }> {
    const response = await t.request('POST', '/v1/keys', { body });
    expect(response.status === 201 ? 'ok' : response.body).toBe('ok');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { key, token } = response.body;
    expect(token).toMatch(API_KEY_PATTERN);
    secrets.add(token);
    return { id: key.id, token };
  }

  async function command(path: string, body: object, key?: string): Promise<TestResponse> {
    const response = await t.request('POST', path, { body, key });
    expect(response.status < 300 ? 'ok' : response.body).toBe('ok');
    return response;
  }

  /**
   * One call of the matrix: the status and problem, without waiting for the end of a stream (the live
   * tail answers server-sent events until the client leaves).
   */
  async function probe(method: string, path: string, body: object | undefined, key: string | null) {
    const controller = new AbortController();
    const response = await fetch(`${t.baseUrl}${path}`, {
      method,
      signal: controller.signal,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(key !== null && { authorization: `Bearer ${key}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    const problem: Record<string, any> = type.startsWith('application/problem+json')
      ? ((await response.json()) as Record<string, any>)
      : {};
    controller.abort();
    return { status: response.status, headers: response.headers, body: problem };
  }

  /** A concrete URL for a route pattern; the values need not exist (404 is an allowed answer). */
  const concrete = (pattern: string) =>
    pattern
      .replace(/:streamId/g, 'ext-none')
      .replace(/:[A-Za-z]+/g, 'x1')
      .replace(/\*$/, 'absent.css');

  describe('the route x role matrix', () => {
    it('lists a policy for every registered route, and no policy for a route that does not exist', () => {
      const registered = t.app.get(RouteRegistry);
      expect(registered.unlisted()).toEqual([]);
      const served = new Set(registered.all().map(({ method, url }) => `${method} ${url}`));
      expect(Object.keys(ROUTE_POLICY).filter((route) => !served.has(route))).toEqual([]);
    });

    it('allows each role exactly the routes its permissions cover; no key 401, a bad key 401', async () => {
      const routes = t.app
        .get(RouteRegistry)
        .all()
        .filter(({ method, url }) => !['public', 'docs'].includes(ROUTE_POLICY[`${method} ${url}`].access));
      expect(routes.length).toBeGreaterThan(60);
      const unknownKey = 'ank_0123456789abcdef_' + 'A'.repeat(43);
      const mismatches: string[] = [];
      for (const { method, url } of routes) {
        const permission = ROUTE_POLICY[`${method} ${url}`].access as Permission;
        const path = concrete(url);
        const body = method === 'GET' ? undefined : {};
        const call = (key: string | null) => probe(method, path, body, key);
        const byRole = await Promise.all(ROLES.map((role) => call(keys[role].token)));
        ROLES.forEach((role, index) => {
          const response = byRole[index];
          const ok = GRANTS[role].includes(permission)
            ? response.status !== 401 && response.status !== 403 && response.status < 500
            : response.status === 403 &&
              response.body.code === 'auth.forbidden' &&
              response.body.permission === permission &&
              response.headers.get('content-type')?.startsWith('application/problem+json');
          if (!ok)
            mismatches.push(`${role} ${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
        });
        const [none, ...refused] = await Promise.all(
          [null, unknownKey, 'not-a-key', keys.admin.token.slice(0, -1) + 'x'].map(call),
        );
        if (none.status !== 401 || none.body.code !== 'auth.missing' || !none.headers.get('www-authenticate'))
          mismatches.push(`no key ${method} ${url}: ${none.status}`);
        for (const response of refused) {
          if (response.status !== 401 || response.body.code !== 'auth.invalid')
            mismatches.push(`bad key ${method} ${url}: ${response.status}`);
        }
      }
      expect(mismatches).toEqual([]);
    }, 120_000);

    it('names the missing permission and the role in a 403', async () => {
      const response = await t.request('GET', '/v1/keys', { key: keys.auditor.token });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({
        code: 'auth.forbidden',
        permission: 'admin',
        detail: expect.stringContaining('the role auditor grants query, audit'),
      });
    });

    it('keeps /health open and, by default, /docs', async () => {
      expect((await t.request('GET', '/health/live', { key: null })).status).toBe(200);
      expect((await t.request('GET', '/docs/openapi.json', { key: null })).status).toBe(200);
    });

    it('accepts the scheme in any case and refuses other schemes', async () => {
      expect(
        (
          await t.request('GET', '/v1/tasks', {
            headers: { authorization: `bearer ${keys.analyst.token}` },
            key: null,
          })
        ).status,
      ).toBe(200);
      const basic = await t.request('GET', '/v1/tasks', {
        headers: { authorization: `Basic ${keys.analyst.token}` },
        key: null,
      });
      expect(basic.status).toBe(401);
      expect(basic.body.code).toBe('auth.invalid');
      expect(basic.headers.get('www-authenticate')).toBe('Bearer realm="annals", error="invalid_token"');
    });
  });

  describe('revocation and expiry', () => {
    it('refuses a key revoked through the API at once, and lists it as revoked', async () => {
      const key = await createKey({ name: 'short-lived', role: 'analyst' });
      expect((await t.request('GET', '/v1/tasks', { key: key.token })).status).toBe(200);
      const revoked = await t.request('DELETE', `/v1/keys/${key.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: key.id, status: 'revoked', revokedAt: expect.any(String) });
      const refused = await t.request('GET', '/v1/tasks', { key: key.token });
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'auth.invalid', detail: 'The API key has been revoked' });
      const again = await t.request('DELETE', `/v1/keys/${key.id}`);
      expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    });

    it('refuses a key revoked by another process (the CLI) once the cache time has passed', async () => {
      const key = await createKey({ name: 'revoked-elsewhere', role: 'analyst' });
      expect((await t.request('GET', '/v1/tasks', { key: key.token })).status).toBe(200);
      await new ApiKeys(t.runtime.db).revoke(key.id);
      await new Promise((resolve) => setTimeout(resolve, 350)); // ANNALS_AUTH_CACHE_MS is 300 here
      expect((await t.request('GET', '/v1/tasks', { key: key.token })).status).toBe(401);
    });

    it('refuses a key after its expiry', async () => {
      const key = await createKey({
        name: 'expiring',
        role: 'analyst',
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      });
      expect((await t.request('GET', '/v1/tasks', { key: key.token })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1600));
      const refused = await t.request('GET', '/v1/tasks', { key: key.token });
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toBe('The API key has expired');
      const listed = await t.request('GET', '/v1/keys?limit=500');
      expect(listed.body.items.find((k: { id: string }) => k.id === key.id).status).toBe('expired');
    });

    it('refuses to create a key that is already expired, of an unknown role, or with a bad scope', async () => {
      const response = await t.request('POST', '/v1/keys', {
        body: {
          name: '',
          role: 'root',
          workflowId: "'; drop table api_keys; --",
          expiresAt: '2001-01-01T00:00:00Z',
        },
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'expiresAt',
        'name',
        'role',
        'workflowId',
      ]);
    });

    it('lists keys in pages, never with a secret or hash', async () => {
      const first = await t.request('GET', '/v1/keys?limit=2');
      expect(first.body.items).toHaveLength(2);
      const second = await t.request('GET', `/v1/keys?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
      const text = JSON.stringify([first.body, second.body]);
      expect(text).not.toMatch(/hash|secret|token/i);
      for (const secret of secrets) expect(text).not.toContain(secret.split('_')[2]);
      expect((await t.request('GET', '/v1/keys?cursor=bm9wZQ')).status).toBe(400);
    });
  });

  describe('workflow scope', () => {
    let publisher: { id: string; token: string };
    let analyst: { id: string; token: string };
    beforeAll(async () => {
      for (const id of ['wf-a', 'wf-b']) await command('/v1/workflows', { id, name: id }, undefined);
      for (const [id, workflowId] of [
        ['ta', 'wf-a'],
        ['tb', 'wf-b'],
      ]) {
        await command('/v1/tasks', { id, workflowId, name: id, goal: 'g', priority: 'low' });
      }
      publisher = await createKey({ name: 'wf-a publisher', role: 'publisher', workflowId: 'wf-a' });
      analyst = await createKey({ name: 'wf-a analyst', role: 'analyst', workflowId: 'wf-a' });
    });

    it("lets a restricted publisher change its workflow's entities only", async () => {
      await command('/v1/tasks/ta/start', {}, publisher.token);
      await command('/v1/tasks/ta/milestones', { message: 'in scope' }, publisher.token);
      await command(
        '/v1/tasks',
        { id: 'ta2', workflowId: 'wf-a', name: 'n', goal: 'g', priority: 'low' },
        publisher.token,
      );
      await command('/v1/workflows/wf-a/phases', { number: 1, name: 'one' }, publisher.token);
      const refused = [
        ['/v1/tasks/tb/milestones', { message: 'out of scope' }],
        ['/v1/tasks', { id: 'tb2', workflowId: 'wf-b', name: 'n', goal: 'g', priority: 'low' }],
        ['/v1/workflows/wf-b/phases', { number: 1, name: 'one' }],
        ['/v1/tasks/does-not-exist/start', {}],
        ['/v1/decisions', {}],
        ['/v1/commands', { commands: [] }],
        ['/v1/streams/ext-a/events', { events: [] }],
      ] as const;
      for (const [path, body] of refused) {
        const response = await t.request('POST', path, { body, key: publisher.token });
        expect([path, response.status, response.body.code]).toEqual([path, 403, 'auth.out_of_scope']);
      }
    });

    it("lets a restricted analyst query its workflow's rows only", async () => {
      for (const path of ['/v1/tasks?workflowId=wf-a', '/v1/tasks/ta', '/v1/workflows/wf-a', '/v1/catalog']) {
        const response = await t.request('GET', path, { key: analyst.token });
        expect([path, response.status]).toEqual([path, 200]);
      }
      for (const path of [
        '/v1/tasks',
        '/v1/tasks?workflowId=wf-b',
        '/v1/tasks/tb',
        '/v1/workflows',
        '/v1/workflows/wf-b',
      ]) {
        const response = await t.request('GET', path, { key: analyst.token });
        expect([path, response.status, response.body.code]).toEqual([path, 403, 'auth.out_of_scope']);
      }
    });
  });

  describe('the actor on every event', () => {
    it('records key id, role, transport and correlation on every stored event', async () => {
      const correlated = await t.request('POST', '/v1/tasks/ta/milestones', {
        body: { message: 'correlated' },
        key: keys.publisher.token,
        headers: { 'x-correlation-id': 'corr-1', 'x-causation-id': 'cause-1' },
      });
      expect(correlated.status).toBe(200);
      await command(
        '/v1/streams/ext-audit/events',
        { events: [{ type: 'Noted', data: {} }] },
        keys.publisher.token,
      );
      const events: Array<{ eventId: string; metadata: Record<string, any> }> = [];
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const page = await t.request('GET', `/v1/events?limit=1000`, { key: keys.auditor.token });
        expect(page.status).toBe(200);
        events.splice(0, events.length, ...page.body.items);
        if (events.some((e) => e.metadata.correlationId === 'corr-1') && events.length >= 8) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const roles = new Map([
        [t.adminKey!.split('_')[1], 'admin'],
        ...ROLES.map((r) => [keys[r].id, r] as const),
      ]);
      expect(events.length).toBeGreaterThanOrEqual(8);
      for (const event of events) {
        const { actor, transport, correlationId } = event.metadata;
        expect(actor.id).toMatch(/^[0-9a-f]{16}$/);
        expect(['publisher', 'admin']).toContain(actor.role);
        if (roles.has(actor.id)) expect(actor.role).toBe(roles.get(actor.id));
        expect(transport).toBe('rest');
        expect(typeof correlationId).toBe('string');
      }
      const milestone = events.find((e) => e.metadata.correlationId === 'corr-1')!;
      expect(milestone.metadata).toMatchObject({
        actor: { id: keys.publisher.id, role: 'publisher' },
        causationId: 'cause-1',
      });
    });
  });

  describe('abuse', () => {
    const injections = ["' or 1=1 --", "'; drop table api_keys; --", "x'; drop table events; --"];
    const traversals = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd'];

    it('answers SQL injection and path traversal in ids and filters with 400 or 404, tables intact', async () => {
      const before = await counts();
      const statuses: string[] = [];
      for (const raw of [...injections, ...traversals]) {
        const value = raw.includes('%') ? raw : encodeURIComponent(raw);
        for (const path of [
          `/v1/tasks/${value}`,
          `/v1/tasks/${value}/history`,
          `/v1/workflows/${value}/state`,
          `/v1/streams/${value}/events`,
          `/v1/catalog/${value}`,
          `/v1/tasks?workflowId=${value}`,
          `/v1/tasks?status=${value}`,
          `/v1/workflows?label=${value}&cursor=${value}`,
          `/v1/events?after=${value}`,
          `/v1/keys?cursor=${value}`,
        ]) {
          const response = await t.request('GET', path);
          statuses.push(`${response.status}`);
          // Refused, or (GET /v1/streams/{id}/events does not validate the id) an empty answer.
          const harmless =
            [400, 404].includes(response.status) ||
            (response.status === 200 && response.body.items?.length === 0);
          expect([path, response.status, harmless]).toEqual([path, response.status, true]);
          expect(JSON.stringify(response.body)).not.toMatch(/ at .*\.(ts|js):\d+|stack/);
        }
        const revoke = await t.request('DELETE', `/v1/keys/${value}`);
        expect([400, 404]).toContain(revoke.status);
        const bearer = await t.request('GET', '/v1/tasks', {
          headers: { authorization: `Bearer ${raw}` },
          key: null,
        });
        expect(bearer.status).toBe(401);
      }
      expect(statuses.length).toBeGreaterThan(50);
      expect(await counts()).toEqual(before);
    });

    it('answers an unknown route 404 problem+json without a stack, with or without a key', async () => {
      for (const key of [undefined, null]) {
        const response = await t.request('GET', '/v1/no-such-route/../../etc', { key });
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.body.code).toBe('route.not_found');
        expect(JSON.stringify(response.body)).not.toMatch(/stack|\.ts:\d+/);
      }
    });

    it('refuses oversized headers and an oversized Authorization', async () => {
      const huge = await t.request('GET', '/v1/tasks', { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(huge.status).toBe(431);
      const long = await t.request('GET', '/v1/tasks', {
        headers: { authorization: `Bearer ${'a'.repeat(300)}` },
        key: null,
      });
      expect(long.status).toBe(401);
    });

    async function counts() {
      const { rows } = await sql<{ keys: string; events: string }>`
        select (select count(*) from api_keys) as keys, (select count(*) from events) as events
      `.execute(t.runtime.db);
      return rows[0];
    }
  });

  it('never writes a key or a secret to the logs', () => {
    const text = output.join('');
    // The capture works: Nest's own start-up lines are in it.
    expect(text).toContain('KeysController');
    expect(secrets.size).toBeGreaterThan(5);
    for (const token of secrets) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('_')[2]);
    }
  });
});

describe('a first start without ANNALS_ADMIN_KEY, docs closed, a rate limit', () => {
  let t: TestApp;
  const printed: string[] = [];
  let token: string;

  beforeAll(async () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    try {
      t = await startTestApp({
        ANNALS_ADMIN_KEY: '',
        ANNALS_AUTH_DOCS_OPEN: 'false',
        ANNALS_RATE_LIMIT_PER_MINUTE: '60',
        ANNALS_RATE_LIMIT_BURST: '5',
      });
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(async () => t?.close());

  it('creates one admin key and prints it once, to stdout', async () => {
    const tokens = printed.join('').match(/ank_[0-9a-f]{16}_[A-Za-z0-9_-]{43}/g);
    expect(tokens).toHaveLength(1);
    token = tokens![0];
    const listed = await t.request('GET', '/v1/keys', { key: token });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ role: 'admin', name: 'admin (first start)' }),
    ]);
    // A second start on the same database (a restart, or a second process) creates nothing.
    expect(await new ApiKeys(t.runtime.db).ensureAdminKey(undefined)).toBeUndefined();
  });

  it('serves /docs to a valid key only when closed', async () => {
    expect((await t.request('GET', '/docs/openapi.json', { key: null })).status).toBe(401);
    expect((await t.request('GET', '/health/ready', { key: null })).status).toBe(200);
    const created = await t.request('POST', '/v1/keys', {
      key: token,
      body: { name: 'docs', role: 'publisher' },
    });
    expect((await t.request('GET', '/docs/openapi.json', { key: created.body.token })).status).toBe(200);
  });

  it('limits each key: 429 with Retry-After past the burst, other keys unaffected', async () => {
    const make = async (name: string) =>
      (await t.request('POST', '/v1/keys', { key: token, body: { name, role: 'analyst' } })).body
        .token as string;
    // The admin key has spent tokens on key creation; two fresh keys start with full buckets.
    const [limited, other] = [await make('limited'), await make('other')];
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.request('GET', '/v1/tasks', { key: limited })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await t.request('GET', '/v1/tasks', { key: limited });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ code: 'auth.rate_limited', retryAfterSeconds: expect.any(Number) });
    expect((await t.request('GET', '/v1/tasks', { key: other })).status).toBe(200);
  });
});
