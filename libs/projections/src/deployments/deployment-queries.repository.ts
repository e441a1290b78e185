import { Kysely } from 'kysely';
import { CursorKey, SortOrder } from '../queries/cursor';
import { afterCursor } from '../queries/keyset';
import { ReadDB } from '../schema';
import { DeploymentRow, EnvironmentRow } from './deployment-row';
import { deploymentRowOf, environmentRowOf } from './deployments.repository';

export const DEPLOYMENT_SORT_COLUMNS = { requestedAt: 'requested_at', updatedAt: 'updated_at' } as const;
export type DeploymentSortColumn = (typeof DEPLOYMENT_SORT_COLUMNS)[keyof typeof DEPLOYMENT_SORT_COLUMNS];

export interface DeploymentFilter {
  readonly service?: string;
  readonly environment?: string;
  readonly statuses?: readonly string[];
  readonly workflowId?: string;
  /** Requested in [from, to). */
  readonly from?: string;
  readonly to?: string;
}

export interface EnvironmentFilter {
  readonly service?: string;
  readonly environment?: string;
}

/** The deployment and environment queries' SQL. */
export class DeploymentQueriesRepository {
  constructor(private readonly db: Kysely<ReadDB>) {}

  async list(
    filter: DeploymentFilter,
    sort: SortOrder<DeploymentSortColumn>,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<DeploymentRow[]> {
    const direction = sort.descending ? 'desc' : 'asc';
    const records = await this.db
      .selectFrom('read.deployments')
      .selectAll()
      .$if(filter.service !== undefined, (q) => q.where('service', '=', filter.service!))
      .$if(filter.environment !== undefined, (q) => q.where('environment', '=', filter.environment!))
      .$if(filter.statuses !== undefined, (q) => q.where('status', 'in', filter.statuses!))
      .$if(filter.workflowId !== undefined, (q) => q.where('workflow_id', '=', filter.workflowId!))
      .$if(filter.from !== undefined, (q) => q.where('requested_at', '>=', new Date(filter.from!)))
      .$if(filter.to !== undefined, (q) => q.where('requested_at', '<', new Date(filter.to!)))
      .$if(after !== undefined, (q) => q.where((eb) => afterCursor(eb, sort, after!)))
      .orderBy(sort.column, direction)
      .orderBy('id', direction)
      .limit(limit)
      .execute();
    return records.map(deploymentRowOf);
  }

  async find(id: string): Promise<DeploymentRow | undefined> {
    const record = await this.db
      .selectFrom('read.deployments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return record && deploymentRowOf(record);
  }

  /**
   * In (service, environment) order, after the cursor's pair. The key is two text columns, so the
   * keyset is written here rather than with `afterCursor`, whose sort values are numbers or times.
   */
  async environments(
    filter: EnvironmentFilter,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<EnvironmentRow[]> {
    const records = await this.db
      .selectFrom('read.environments')
      .selectAll()
      .$if(filter.service !== undefined, (q) => q.where('service', '=', filter.service!))
      .$if(filter.environment !== undefined, (q) => q.where('environment', '=', filter.environment!))
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb(eb.refTuple('service', 'environment'), '>', eb.tuple(String(after!.value), after!.id)),
        ),
      )
      .orderBy('service')
      .orderBy('environment')
      .limit(limit)
      .execute();
    return records.map(environmentRowOf);
  }
}
