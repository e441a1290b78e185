import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, pageRequestOf, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page, pageOf, SortOrder } from '../queries/cursor';
import { ConsistencyRequest, ListRequest, Served } from '../queries/list-request';
import {
  DEPLOYMENT_SORT_COLUMNS,
  DeploymentFilter,
  DeploymentQueriesRepository,
  EnvironmentFilter,
} from './deployment-queries.repository';
import { DeploymentView, deploymentView, EnvironmentView, environmentView } from './deployment-view';

/** The projections deployment and environment queries read. */
export const DEPLOYMENT_QUERY_PROJECTIONS = ['deployments'] as const;

/** Environments have one order, (service, environment); a cursor names it so that it is refused elsewhere. */
const ENVIRONMENT_ORDER: SortOrder = { name: 'service,environment', column: 'service', descending: false };

/** Deployment lists and details, and the environments' current deployments. */
export class DeploymentQueries {
  private readonly reads: ConsistentReads;

  constructor(
    private readonly repository: DeploymentQueriesRepository,
    consistency: ReadConsistency,
    defaultWaitMs: number,
  ) {
    this.reads = new ConsistentReads(consistency, DEPLOYMENT_QUERY_PROJECTIONS, defaultWaitMs);
  }

  async list(
    filter: DeploymentFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<DeploymentView>>> {
    const { sort, after, limit } = sortedPageRequestOf(request, 'requestedAt', DEPLOYMENT_SORT_COLUMNS);
    return this.reads.serve(wait, async () =>
      pageOf(await this.repository.list(filter, sort, after, limit + 1), limit, sort, deploymentView),
    );
  }

  get(id: string, wait: ConsistencyRequest): Promise<Served<DeploymentView | undefined>> {
    return this.reads.serve(wait, async () => {
      const row = await this.repository.find(id);
      return row && deploymentView(row);
    });
  }

  async environments(
    filter: EnvironmentFilter,
    request: Omit<ListRequest, 'sort'>,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<EnvironmentView>>> {
    const { after, limit } = pageRequestOf(request, ENVIRONMENT_ORDER);
    return this.reads.serve(wait, async () => {
      const rows = await this.repository.environments(filter, after, limit + 1);
      // pageOf keys the cursor on the sort column and `id`: here the service and the environment.
      const keyed = rows.map((row) => ({ ...row, id: row.environment }));
      return pageOf(keyed, limit, ENVIRONMENT_ORDER, environmentView);
    });
  }
}
