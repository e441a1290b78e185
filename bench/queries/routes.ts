import { plainToInstance } from 'class-transformer';
import { DecisionListQuery } from '@annals/contracts/queries/decision-snapshot-queries.dto';
import {
  ActivityListQuery,
  DeploymentListQuery,
  DoraMetricsQuery,
} from '@annals/contracts/queries/deployment-queries.dto';
import { FlowMetricsQuery } from '@annals/contracts/queries/flow-metrics.dto';
import { TaskListQuery, WorkflowListQuery } from '@annals/contracts/queries/list-queries.dto';
import { decisionFilterOf } from '../../apps/annals/src/queries/decision-snapshot-filters';
import {
  activityFilterOf,
  deploymentFilterOf,
  doraScopeOf,
} from '../../apps/annals/src/queries/deployment-activity-filters';
import { flowScopeOf } from '../../apps/annals/src/queries/flow-metrics.controller';
import { taskFilterOf, workflowFilterOf } from '../../apps/annals/src/queries/list-filters';
import { SERVICES } from '../../apps/cli/src/demo/demo-catalog';
import type { DataSetSamples } from '../support/dataset';
import type { LibraryQueries } from './library-queries';

export type RouteKind = 'list' | 'detail' | 'metrics';
type Params = Readonly<Record<string, string | string[]>>;

export interface QueryRoute {
  /** As printed: the route and its query. */
  readonly name: string;
  readonly kind: RouteKind;
  /** The path and query of the i-th request. */
  path(samples: DataSetSamples, i: number): string;
  /**
   * The same query through the library, as the route's controller calls it (the same DTO, mapping and
   * query class), without HTTP, Nest, validation, auth and JSON: the baseline.
   */
  library(queries: LibraryQueries, samples: DataSetSamples, i: number): Promise<unknown>;
}

/** The first demo service: every seed ships it, so DORA has deployments of it in production. */
const SERVICE = SERVICES[0];

const withQuery = (base: string, params: Params) => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, v);
  const text = search.toString();
  return text === '' ? base : `${base}?${text}`;
};

function list<Query extends object>(
  base: string,
  dto: new () => Query,
  params: (samples: DataSetSamples, i: number) => Params,
  library: (queries: LibraryQueries, query: Query) => Promise<unknown>,
  kind: RouteKind = 'list',
): QueryRoute {
  const example = params(
    { workflow: ['{workflowId}'], task: ['{taskId}'], decision: [], deployment: [], snapshot: [] },
    0,
  );
  return {
    name: `GET ${withQuery(base, example).replace(/%7B/g, '{').replace(/%7D/g, '}')}`,
    kind,
    path: (samples, i) => withQuery(base, params(samples, i)),
    library: (queries, samples, i) => library(queries, plainToInstance(dto, params(samples, i))),
  };
}

function detail(
  base: string,
  sample: keyof DataSetSamples,
  library: (queries: LibraryQueries, id: string) => Promise<unknown>,
): QueryRoute {
  const idOf = (samples: DataSetSamples, i: number) => {
    const ids = samples[sample];
    if (ids.length === 0) throw new Error(`the data set has no ${sample} to read`);
    return ids[i % ids.length];
  };
  return {
    name: `GET ${base}/{id}`,
    kind: 'detail',
    path: (samples, i) => `${base}/${encodeURIComponent(idOf(samples, i))}`,
    library: (queries, samples, i) => library(queries, idOf(samples, i)),
  };
}

const pick = (ids: readonly string[], i: number) => ids[i % ids.length];
const none = () => ({});

/**
 * The routes measured, in order: the main lists (a few filters and sorts) and details, and the
 * metrics. A route that does not exist in the service yet is skipped with a note.
 */
export const QUERY_ROUTES: readonly QueryRoute[] = [
  list('/v1/tasks', TaskListQuery, none, (q, query) => q.tasks.list(taskFilterOf(query), query, {})),
  list(
    '/v1/tasks',
    TaskListQuery,
    () => ({ status: 'in_progress', sort: '-updatedAt' }),
    (q, query) => q.tasks.list(taskFilterOf(query), query, {}),
  ),
  list(
    '/v1/tasks',
    TaskListQuery,
    (samples, i) => ({ workflowId: pick(samples.workflow, i), sort: '-priority', limit: '100' }),
    (q, query) => q.tasks.list(taskFilterOf(query), query, {}),
  ),
  detail('/v1/tasks', 'task', (q, id) => q.tasks.get(id, {})),
  list('/v1/workflows', WorkflowListQuery, none, (q, query) =>
    q.workflows.list(workflowFilterOf(query), query, {}),
  ),
  detail('/v1/workflows', 'workflow', (q, id) => q.workflows.get(id, {})),
  list('/v1/decisions', DecisionListQuery, none, (q, query) =>
    q.decisions.list(decisionFilterOf(query), query, {}),
  ),
  detail('/v1/decisions', 'decision', (q, id) => q.decisions.get(id, {})),
  list('/v1/deployments', DeploymentListQuery, none, (q, query) =>
    q.deployments.list(deploymentFilterOf(query), query, {}),
  ),
  detail('/v1/deployments', 'deployment', (q, id) => q.deployments.get(id, {})),
  list('/v1/activity', ActivityListQuery, none, (q, query) =>
    q.activity.list(activityFilterOf(query), query, {}),
  ),
  list(
    '/v1/metrics/dora',
    DoraMetricsQuery,
    () => ({ service: SERVICE }),
    (q, query) => q.dora.metrics(doraScopeOf(query, new Date()), {}),
    'metrics',
  ),
  list(
    '/v1/metrics/flow',
    FlowMetricsQuery,
    none,
    (q, query) => q.flow.metrics(flowScopeOf(query, new Date()), query, {}),
    'metrics',
  ),
];
