import {
  DECISION_EVENT_TYPES,
  DEPLOYMENT_EVENT_TYPES,
  SNAPSHOT_EVENT_TYPES,
  TASK_EVENT_TYPES,
  WORKFLOW_EVENT_TYPES,
} from '@annals/domain';
import { EventStore } from '@annals/event-store';
import { startTestApp, TestApp } from './support/test-app';

const minute = (offset: number) =>
  new Date(Date.parse('2025-03-01T09:00:00.000Z') + offset * 60_000).toISOString();

describe('event catalog, entity history and time travel over REST', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  describe('GET /v1/catalog', () => {
    it('lists every domain event type with its aggregate, schema version, description and JSON Schema', async () => {
      const res = await t.request('GET', '/v1/catalog');
      expect(res.status).toBe(200);
      const domainTypes = [
        ...WORKFLOW_EVENT_TYPES,
        ...TASK_EVENT_TYPES,
        ...DECISION_EVENT_TYPES,
        ...SNAPSHOT_EVENT_TYPES,
        ...DEPLOYMENT_EVENT_TYPES,
      ];
      expect(res.body.items.map((item: { type: string }) => item.type).sort()).toEqual(domainTypes.sort());
      expect(res.body.items.find((item: { type: string }) => item.type === 'TaskCompleted')).toMatchObject({
        aggregate: 'task',
        schemaVersion: 1,
        description: expect.any(String),
        schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
      });
    });

    it('answers one type, at its current version', async () => {
      const res = await t.request('GET', '/v1/catalog/DeploymentRequested');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        type: 'DeploymentRequested',
        aggregate: 'deployment',
        schemaVersion: 2,
      });
      expect(res.body.schema.required).toContain('taskIds');
    });

    it('answers 404 for a type it does not know', async () => {
      const res = await t.request('GET', '/v1/catalog/NothingHappened');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('catalog.unknown_type');
    });
  });

  describe('a workflow with several commands', () => {
    const id = 'wf-history';
    beforeAll(async () => {
      const commands = [
        await t.request('POST', '/v1/workflows', { body: { id, name: 'Ship v2', occurredAt: minute(0) } }),
        await t.request('PATCH', `/v1/workflows/${id}`, {
          body: { name: 'Ship v2.1', occurredAt: minute(10) },
        }),
        await t.request('POST', `/v1/workflows/${id}/phases`, {
          body: { phaseId: 'p1', number: 1, name: 'Build', occurredAt: minute(20) },
        }),
        await t.request('POST', `/v1/workflows/${id}/complete`, {
          body: { result: 'completed', occurredAt: minute(30) },
        }),
      ];
      expect(commands.map((c) => c.body.version)).toEqual([1, 2, 3, 4]);
    });

    it('answers its history as envelopes in version order, with the actor from the metadata', async () => {
      const [history, raw] = await Promise.all([
        t.request('GET', `/v1/workflows/${id}/history`),
        t.request('GET', `/v1/streams/workflow-${id}/events`),
      ]);
      expect(history.status).toBe(200);
      expect(history.body).toMatchObject({
        id,
        kind: 'workflow',
        streamId: `workflow-${id}`,
        version: 4,
        nextFromVersion: null,
      });
      expect(history.body.items).toEqual(
        raw.body.items.map((stored: any) => ({
          position: stored.position,
          eventId: stored.eventId,
          version: stored.version,
          type: stored.type,
          schemaVersion: 1,
          storedSchemaVersion: 1,
          data: stored.data,
          actor: stored.metadata.actor,
          occurredAt: stored.occurredAt,
          recordedAt: stored.recordedAt,
        })),
      );
      expect(history.body.items.map((e: any) => [e.version, e.type, e.occurredAt])).toEqual([
        [1, 'WorkflowStarted', minute(0)],
        [2, 'WorkflowUpdated', minute(10)],
        [3, 'PhaseStarted', minute(20)],
        [4, 'WorkflowCompleted', minute(30)],
      ]);
      expect(history.body.items[1].data).toEqual({ workflowId: id, name: 'Ship v2.1' });
    });

    it('pages the history with fromVersion and limit', async () => {
      const first = await t.request('GET', `/v1/workflows/${id}/history?fromVersion=2&limit=2`);
      expect(first.body.items.map((e: { version: number }) => e.version)).toEqual([2, 3]);
      expect(first.body.nextFromVersion).toBe(4);
      const next = await t.request(
        'GET',
        `/v1/workflows/${id}/history?fromVersion=${first.body.nextFromVersion}`,
      );
      expect(next.body.items.map((e: { version: number }) => e.version)).toEqual([4]);
      expect(next.body.nextFromVersion).toBeNull();
    });

    it('answers the state as of a time between two commands', async () => {
      const res = await t.request('GET', `/v1/workflows/${id}/state?asOf=${minute(15)}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, kind: 'workflow', version: 2, asOf: minute(15) });
      expect(res.body.state).toMatchObject({ status: 'in_progress', name: 'Ship v2.1', phases: [] });
    });

    it('answers the state at a version', async () => {
      const res = await t.request('GET', `/v1/workflows/${id}/state?version=1`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ version: 1, state: { status: 'in_progress', name: 'Ship v2' } });
      expect(res.body.asOf).toBeUndefined();
    });

    it('answers the current state when given neither', async () => {
      const res = await t.request('GET', `/v1/workflows/${id}/state`);
      expect(res.body).toMatchObject({
        version: 4,
        state: { status: 'completed', phases: [{ phaseId: 'p1', completedAt: null }] },
      });
    });

    it('answers 404 for a version beyond the stream, with the current version', async () => {
      const res = await t.request('GET', `/v1/workflows/${id}/state?version=9`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'workflow.version_not_found', version: 9, currentVersion: 4 });
    });

    it('answers 404 for a time before the workflow existed', async () => {
      const res = await t.request('GET', `/v1/workflows/${id}/state?asOf=${minute(-1)}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'workflow.not_found', firstOccurredAt: minute(0) });
    });

    it('refuses asOf and version together with 400', async () => {
      const res = await t.request('GET', `/v1/workflows/${id}/state?asOf=${minute(15)}&version=2`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('request.invalid');
      expect(res.body.errors).toMatchObject([{ field: 'version', code: 'field.exclusive' }]);
    });

    it('refuses a malformed time and an oversized page with 400', async () => {
      expect((await t.request('GET', `/v1/workflows/${id}/state?asOf=yesterday`)).status).toBe(400);
      expect((await t.request('GET', `/v1/workflows/${id}/history?limit=5000`)).status).toBe(400);
    });
  });

  it.each([
    ['workflows', 'workflow'],
    ['tasks', 'task'],
    ['decisions', 'decision'],
    ['snapshots', 'snapshot'],
    ['deployments', 'deployment'],
  ])('answers 404 <kind>.not_found for the history and state of unknown %s', async (collection, kind) => {
    for (const route of ['history', 'state']) {
      const res = await t.request('GET', `/v1/${collection}/missing-1/${route}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(`${kind}.not_found`);
    }
  });

  describe('a deployment stored at schema version 1', () => {
    const id = 'dep-v1';
    const v1 = { deploymentId: id, service: 'annals-api', environment: 'production', type: 'manual' };
    beforeAll(async () => {
      await t.app
        .get(EventStore)
        .appendToStream(`deployment-${id}`, 'no_stream', [
          { type: 'DeploymentRequested', schemaVersion: 1, data: v1, occurredAt: minute(0) },
        ]);
    });

    it('is folded after upcasting to v2: it ships no task', async () => {
      const res = await t.request('GET', `/v1/deployments/${id}/state`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        kind: 'deployment',
        version: 1,
        state: { status: 'pending', deployment: { ...v1, taskIds: [] } },
      });
    });

    it('shows v2 data in its history, and the version it was stored with', async () => {
      const res = await t.request('GET', `/v1/deployments/${id}/history`);
      expect(res.body.items).toMatchObject([
        {
          type: 'DeploymentRequested',
          schemaVersion: 2,
          storedSchemaVersion: 1,
          data: { ...v1, taskIds: [] },
        },
      ]);
    });

    it('stays stored as it was written', async () => {
      const res = await t.request('GET', `/v1/streams/deployment-${id}/events`);
      expect(res.body.items).toMatchObject([{ schemaVersion: 1, data: v1 }]);
      expect(res.body.items[0].data.taskIds).toBeUndefined();
    });
  });

  it('documents the catalog, history and state routes in OpenAPI, one operation per aggregate', async () => {
    const { body } = await t.request('GET', '/docs/openapi.json');
    expect(body.paths['/v1/catalog'].get).toBeDefined();
    expect(body.paths['/v1/catalog/{type}'].get).toBeDefined();
    for (const [collection, kind] of [
      ['workflows', 'workflow'],
      ['tasks', 'task'],
      ['decisions', 'decision'],
      ['snapshots', 'snapshot'],
      ['deployments', 'deployment'],
    ]) {
      expect(body.paths[`/v1/${collection}/{id}/history`].get.operationId).toBe(`${kind}History`);
      expect(body.paths[`/v1/${collection}/{id}/state`].get.operationId).toBe(`${kind}State`);
    }
  });
});
