import { sql } from 'kysely';
import { startTestApp, TestApp } from './support/test-app';

describe('projection rebuild and verification over REST', () => {
  let t: TestApp;
  let last = 0;
  beforeAll(async () => {
    t = await startTestApp();
    for (const id of ['wf-p1', 'wf-p2']) {
      const response = await t.request('POST', '/v1/workflows', { body: { id, name: `Workflow ${id}` } });
      expect(response.status < 300 ? 'ok' : response.body).toBe('ok');
      for (const task of ['a', 'b', 'c']) {
        const created = await t.request('POST', '/v1/tasks', {
          body: { id: `${id}-${task}`, workflowId: id, name: task, goal: 'g', priority: 'low' },
        });
        expect(created.status < 300 ? 'ok' : created.body).toBe('ok');
        last = created.body.position;
      }
    }
    // Every projection has the writes before the tests start.
    expect((await t.request('GET', `/v1/tasks?minPosition=${last}`)).status).toBe(200);
    expect((await t.request('GET', `/v1/workflows?minPosition=${last}`)).status).toBe(200);
  });
  afterAll(async () => t.close());

  const statusOf = async (name: string) =>
    (await t.request('GET', '/v1/projections')).body.items.find((p: { name: string }) => p.name === name);

  it('accepts a rebuild, reports it under way, and serves the same rows once it is swapped in', async () => {
    const accepted = await t.request('POST', '/v1/projections/tasks/rebuild');

    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ name: 'tasks', version: 1, build: { version: 1 } });
    expect(accepted.body.position).toBeGreaterThanOrEqual(last);
    const deadline = Date.now() + 20_000;
    let status = await statusOf('tasks');
    while (status.build !== null && Date.now() < deadline) {
      // The live tables answer in full throughout.
      expect((await t.request('GET', '/v1/tasks?workflowId=wf-p1')).body.items).toHaveLength(3);
      await new Promise((r) => setTimeout(r, 50));
      status = await statusOf('tasks');
    }
    expect(status).toMatchObject({ name: 'tasks', version: 1, build: null, state: 'running', lag: 0 });
    expect((await t.request('GET', '/v1/tasks?workflowId=wf-p2')).body.items).toHaveLength(3);
  });

  it('rebuilds every projection, whatever its tables, and each one verifies against a fresh replay', async () => {
    const names: string[] = (await t.request('GET', '/v1/projections')).body.items.map(
      (p: { name: string }) => p.name,
    );
    expect(names.length).toBeGreaterThanOrEqual(2);
    const readIndexes = async () =>
      (
        await sql<{
          table: string;
          index: string;
        }>`select tablename as table, indexname as index from pg_indexes
          where schemaname = 'read' order by 1, 2`.execute(t.database.db)
      ).rows;
    const indexesBefore = await readIndexes();
    for (const name of names)
      expect((await t.request('POST', `/v1/projections/${name}/rebuild`)).status).toBe(202);
    const deadline = Date.now() + 30_000;
    let items = (await t.request('GET', '/v1/projections')).body.items;
    while (items.some((p: { build: unknown }) => p.build !== null) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      items = (await t.request('GET', '/v1/projections')).body.items;
    }
    expect(items.filter((p: { build: unknown }) => p.build !== null)).toEqual([]);
    // The swapped-in tables bear the live tables' index names.
    expect(await readIndexes()).toEqual(indexesBefore);
    for (const name of names) {
      const verified = await t.request('POST', `/v1/projections/${name}/verify`);
      expect([name, verified.status, verified.body.match]).toEqual([name, 200, true]);
    }
  });

  it('verifies a projection: a match, then the row altered behind its back', async () => {
    const verified = await t.request('POST', '/v1/projections/workflows/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ name: 'workflows', match: true });
    expect(verified.body.position).toBeGreaterThanOrEqual(last);

    await t.database.db
      .updateTable('read.workflows')
      .set({ name: 'tampered' })
      .where('id', '=', 'wf-p2')
      .execute();
    const tampered = await t.request('POST', '/v1/projections/workflows/verify');

    expect(tampered.status).toBe(200);
    expect(tampered.body.match).toBe(false);
    expect(tampered.body.tables[0].differences).toEqual([
      expect.objectContaining({
        key: { id: 'wf-p2' },
        live: expect.objectContaining({ name: 'tampered' }),
        rebuilt: expect.objectContaining({ name: 'Workflow wf-p2' }),
      }),
    ]);
  });

  it('refuses a position the live tables are not at, and a malformed one', async () => {
    const { position } = await statusOf('tasks');
    const elsewhere = await t.request('POST', `/v1/projections/tasks/verify?at=${position + 1000}`);
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({
      code: 'projection.not_at_position',
      position,
      version: 1,
      expected: { position: position + 1000, version: 1 },
    });

    const malformed = await t.request('POST', '/v1/projections/tasks/verify?at=-1');
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('at');
  });

  it('answers 404 projection.not_found for an unknown projection', async () => {
    for (const path of ['/v1/projections/nope/rebuild', '/v1/projections/nope/verify']) {
      const response = await t.request('POST', path);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'projection.not_found', projection: 'nope' });
    }
  });
});
