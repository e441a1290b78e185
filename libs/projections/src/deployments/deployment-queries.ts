import { ReadConsistency } from '../engine/read-consistency';
import { decodeCursor, Page, pageOf, SortOrder, sortOrder } from '../queries/cursor';
import { ConsistencyRequest, DEFAULT_LIST_LIMIT, ListRequest, Served } from '../queries/list-request';
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
  constructor(
    private readonly repository: DeploymentQueriesRepository,
    private readonly consistency: ReadConsistency,
    private readonly defaultWaitMs: number,
  ) {}

  async list(
    filter: DeploymentFilter,
    request: ListRequest,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<DeploymentView>>> {
    const sort = sortOrder(request.sort ?? 'requestedAt', DEPLOYMENT_SORT_COLUMNS);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort);
    const limit = request.limit ?? DEFAULT_LIST_LIMIT;
    const position = await this.reached(wait);
    const rows = await this.repository.list(filter, sort, after, limit + 1);
    return { position, result: pageOf(rows, limit, sort, deploymentView) };
  }

  async get(id: string, wait: ConsistencyRequest): Promise<Served<DeploymentView | undefined>> {
    const position = await this.reached(wait);
    const row = await this.repository.find(id);
    return { position, result: row && deploymentView(row) };
  }

  async environments(
    filter: EnvironmentFilter,
    request: Omit<ListRequest, 'sort'>,
    wait: ConsistencyRequest,
  ): Promise<Served<Page<EnvironmentView>>> {
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, ENVIRONMENT_ORDER);
    const limit = request.limit ?? DEFAULT_LIST_LIMIT;
    const position = await this.reached(wait);
    const rows = await this.repository.environments(filter, after, limit + 1);
    // pageOf keys the cursor on the sort column and `id`: here the service and the environment.
    const keyed = rows.map((row) => ({ ...row, id: row.environment }));
    return { position, result: pageOf(keyed, limit, ENVIRONMENT_ORDER, environmentView) };
  }

  private reached(wait: ConsistencyRequest): Promise<number> {
    return this.consistency.atLeast(
      DEPLOYMENT_QUERY_PROJECTIONS,
      wait.minPosition,
      wait.maxWaitMs ?? this.defaultWaitMs,
    );
  }
}
