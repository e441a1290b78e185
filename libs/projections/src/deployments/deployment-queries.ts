import { ReadConsistency } from '../engine/read-consistency';
import { ConsistentReads, pageRequestOf, sortedPageRequestOf } from '../queries/consistent-reads';
import { Page, SortOrder } from '../queries/cursor';
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
    return this.reads.servePage(
      wait,
      sortedPageRequestOf(request, 'requestedAt', DEPLOYMENT_SORT_COLUMNS),
      (sort, after, limit) => this.repository.list(filter, sort, after, limit),
      deploymentView,
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
    return this.reads.servePage(
      wait,
      pageRequestOf(request, ENVIRONMENT_ORDER),
      // The cursor keys on the sort column and `id`: here the service and the environment.
      async (_sort, after, limit) =>
        (await this.repository.environments(filter, after, limit)).map((row) => ({
          ...row,
          id: row.environment,
        })),
      (row) => environmentView(row),
    );
  }
}
