import { Kysely, sql } from 'kysely';
import { createTestDatabase, TestDatabase } from '@annals/platform/testing/test-database';
import { DeploymentsProjection } from '../deployments/deployments.projection';
import { Projection } from '../engine/projection';
import { SchemaRedirectPlugin } from '../engine/schema-redirect.plugin';
import { ReadDB } from '../schema';
import { applyBatch, TestLedger } from '../testing/test-ledger';
import { ActivityProjection } from './activity.projection';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 0, minute)).toISOString();

/**
 * A rebuild points a projection's writes at copies of its tables with a Kysely plugin; table names
 * in raw SQL text would escape it. Both projections must write (and read back) only the copies.
 */
describe('deployments and activity projections under a rebuild redirect (PostgreSQL)', () => {
  let database: TestDatabase<ReadDB>;
  const count = async (table: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(database.db)).rows[0]
        .n,
    );

  beforeAll(async () => (database = await createTestDatabase<ReadDB>()));
  afterAll(() => database.drop());

  it.each([
    ['deployments', new DeploymentsProjection()],
    ['activity', new ActivityProjection()],
  ] as [string, Projection][])('%s writes only into the build schema', async (_name, projection) => {
    const build = `build_${projection.name}`;
    await sql`create schema ${sql.id(build)}`.execute(database.db);
    for (const table of projection.tables) {
      await sql`create table ${sql.table(`${build}.${table}`)} (like ${sql.table(`read.${table}`)} including all)`.execute(
        database.db,
      );
    }
    const redirected = database.db.withPlugin(
      new SchemaRedirectPlugin('read', build, projection.tables),
    ) as Kysely<ReadDB>;
    const ledger = new TestLedger();
    const events = [
      ledger.event('WorkflowStarted', { workflowId: 'wf', name: 'W' }, at(0)),
      ledger.event(
        'DeploymentRequested',
        {
          deploymentId: 'd1',
          service: 'api',
          environment: 'production',
          type: 'manual',
          workflowId: 'wf',
          taskIds: [],
        },
        at(1),
      ),
      ledger.event('DeploymentCompleted', { deploymentId: 'd1' }, at(2)),
    ];
    // Two batches: the second reads what the first wrote (the deployment row, the workflow of d1).
    await applyBatch(redirected, projection, events.slice(0, 2));
    await applyBatch(redirected, projection, events.slice(2));
    for (const table of projection.tables) expect(await count(`read.${table}`)).toBe(0);
    const expected =
      projection.name === 'deployments' ? { deployments: 1, environments: 1 } : { activity: 3 };
    for (const [table, rows] of Object.entries(expected)) expect(await count(`${build}.${table}`)).toBe(rows);
    if (projection.name === 'activity') {
      const { rows } = await sql<{
        workflow_id: string;
      }>`select workflow_id from ${sql.table(`${build}.activity`)} order by position`.execute(database.db);
      expect(rows.map((row) => row.workflow_id)).toEqual(['wf', 'wf', 'wf']);
    }
  });
});
