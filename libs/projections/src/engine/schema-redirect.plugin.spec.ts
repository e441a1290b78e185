import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import { ReadDB } from '../schema';
import { SchemaRedirectPlugin } from './schema-redirect.plugin';

const db = new Kysely<ReadDB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});
const build = db.withPlugin(
  new SchemaRedirectPlugin('read', 'read_build_tasks', ['tasks', 'task_dependencies']),
);

describe('SchemaRedirectPlugin', () => {
  it('moves the listed tables of the schema, in from, where and column references', () => {
    const query = build
      .selectFrom('read.tasks')
      .innerJoin('read.task_dependencies', 'read.task_dependencies.task_id', 'read.tasks.id')
      .select(['read.tasks.id'])
      .where('read.tasks.status', '=', 'done')
      .compile();
    expect(query.sql).toBe(
      'select "read_build_tasks"."tasks"."id" from "read_build_tasks"."tasks" ' +
        'inner join "read_build_tasks"."task_dependencies" on "read_build_tasks"."task_dependencies"."task_id" = "read_build_tasks"."tasks"."id" ' +
        'where "read_build_tasks"."tasks"."status" = $1',
    );
  });

  it('moves upserts and deletes, and leaves `excluded` references alone', () => {
    const upsert = build
      .insertInto('read.task_dependencies')
      .values({ task_id: 'a', depends_on_task_id: 'b', workflow_id: 'w', position: 1 })
      .onConflict((oc) =>
        oc
          .columns(['task_id', 'depends_on_task_id'])
          .doUpdateSet((eb) => ({ position: eb.ref('excluded.position') })),
      )
      .compile();
    expect(upsert.sql).toMatch(/^insert into "read_build_tasks"\."task_dependencies" /);
    expect(upsert.sql).toContain('do update set "position" = "excluded"."position"');
    expect(build.deleteFrom('read.tasks').where('id', '=', 'a').compile().sql).toBe(
      'delete from "read_build_tasks"."tasks" where "id" = $1',
    );
  });

  it('moves sql.table references inside raw SQL', () => {
    const query = sql`select count(*) from ${sql.table('read.tasks')}`.compile(build);
    expect(query.sql).toBe('select count(*) from "read_build_tasks"."tasks"');
  });

  it('leaves tables it was not given and other schemas alone', () => {
    expect(build.selectFrom('read.workflows').selectAll().compile().sql).toBe(
      'select * from "read"."workflows"',
    );
    expect(build.selectFrom('read.projection_checkpoints').select('name').compile().sql).toBe(
      'select "name" from "read"."projection_checkpoints"',
    );
    expect(db.selectFrom('read.tasks').select('id').compile().sql).toBe('select "id" from "read"."tasks"');
  });
});
