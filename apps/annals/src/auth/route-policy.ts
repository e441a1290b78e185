import { Permission } from './access';

/**
 * Which workflow a request touches, for keys restricted to one workflow. A route without a rule is
 * refused to such keys (it reads or writes across workflows, or its workflow cannot be told cheaply).
 */
export type ScopeRule =
  /** The route holds no workflow data (the event catalog). */
  | { readonly kind: 'unscoped' }
  /** A path parameter is the workflow id. */
  | { readonly kind: 'workflowParam'; readonly param: string }
  /** A path parameter is a task id; its workflow is the one it was created in (never changes). */
  | { readonly kind: 'taskParam'; readonly param: string }
  /** A body field is the workflow id. */
  | { readonly kind: 'body'; readonly field: string }
  /** A query parameter must name the workflow (a list filtered to it). */
  | { readonly kind: 'query'; readonly field: string };

export interface RoutePolicy {
  /**
   * public: no key (health probes); docs: /docs, open unless ANNALS_AUTH_DOCS_OPEN=false, then any
   * valid key; else the permission a key's role must grant.
   */
  readonly access: Permission | 'public' | 'docs';
  readonly scope?: ScopeRule;
}

const write = (scope?: ScopeRule): RoutePolicy => ({ access: 'write', scope });
const query = (scope?: ScopeRule): RoutePolicy => ({ access: 'query', scope });
const audit = (scope?: ScopeRule): RoutePolicy => ({ access: 'audit', scope });
const admin: RoutePolicy = { access: 'admin' };
const PUBLIC: RoutePolicy = { access: 'public' };
const DOCS: RoutePolicy = { access: 'docs' };

const workflowId = { kind: 'workflowParam', param: 'id' } as const;
const taskId = { kind: 'taskParam', param: 'id' } as const;
const inWorkflowFilter = { kind: 'query', field: 'workflowId' } as const;

/**
 * THE route table: every route the service serves (Fastify pattern, method) and what it needs.
 * A route missing here is refused to everyone (403 auth.no_policy), and test/auth.e2e-spec.ts fails
 * for every registered route without an entry. HEAD follows GET.
 */
export const ROUTE_POLICY: Readonly<Record<string, RoutePolicy>> = {
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,

  'GET /docs': DOCS,
  'GET /docs/': DOCS,
  'GET /docs/*': DOCS,
  'GET /docs/index.html': DOCS,
  'GET /docs/LICENSE': DOCS,
  'GET /docs/swagger-ui-init.js': DOCS,
  'GET /docs/docs/swagger-ui-init.js': DOCS,
  'GET /docs/openapi.json': DOCS,
  'GET /docs-yaml': DOCS,

  // Commands and extension streams
  'POST /v1/commands': write(),
  'POST /v1/streams/:streamId/events': write(),
  'POST /v1/workflows': write({ kind: 'body', field: 'id' }),
  'PATCH /v1/workflows/:id': write(workflowId),
  'POST /v1/workflows/:id/phases': write(workflowId),
  'POST /v1/workflows/:id/phases/:phaseId/complete': write(workflowId),
  'POST /v1/workflows/:id/complete': write(workflowId),
  'POST /v1/workflows/:id/archive': write(workflowId),
  'POST /v1/tasks': write({ kind: 'body', field: 'workflowId' }),
  'POST /v1/tasks/:id/start': write(taskId),
  'POST /v1/tasks/:id/assign': write(taskId),
  'POST /v1/tasks/:id/milestones': write(taskId),
  'POST /v1/tasks/:id/issues': write(taskId),
  'POST /v1/tasks/:id/questions': write(taskId),
  'POST /v1/tasks/:id/questions/:questionId/answer': write(taskId),
  'POST /v1/tasks/:id/block': write(taskId),
  'POST /v1/tasks/:id/unblock': write(taskId),
  'POST /v1/tasks/:id/dependencies': write(taskId),
  'DELETE /v1/tasks/:id/dependencies/:dependsOnId': write(taskId),
  'POST /v1/tasks/:id/complete': write(taskId),
  'POST /v1/tasks/:id/fail': write(taskId),
  'POST /v1/tasks/:id/cancel': write(taskId),
  'POST /v1/tasks/:id/retry': write(taskId),
  'POST /v1/decisions': write(),
  'POST /v1/decisions/:id/accept': write(),
  'POST /v1/decisions/:id/reject': write(),
  'POST /v1/decisions/:id/deprecate': write(),
  'POST /v1/decisions/:id/supersede': write(),
  'POST /v1/snapshots': write(),
  'POST /v1/deployments': write(),
  'POST /v1/deployments/:id/start': write(),
  'POST /v1/deployments/:id/complete': write(),
  'POST /v1/deployments/:id/fail': write(),
  'POST /v1/deployments/:id/roll-back': write(),

  // Read tables, catalog, projection status
  'GET /v1/workflows': query(),
  'GET /v1/workflows/:id': query(workflowId),
  'GET /v1/tasks': query(inWorkflowFilter),
  'GET /v1/tasks/:id': query(taskId),
  'GET /v1/catalog': query({ kind: 'unscoped' }),
  'GET /v1/catalog/:type': query({ kind: 'unscoped' }),
  'GET /v1/projections': query(),
  'POST /v1/projections/:name/rebuild': admin,
  'POST /v1/projections/:name/verify': audit(),
  'GET /v1/deployments': query(inWorkflowFilter),
  'GET /v1/deployments/:id': query(),
  'GET /v1/environments': query(),
  'GET /v1/activity': query(inWorkflowFilter),
  'GET /v1/metrics/dora': query(inWorkflowFilter),
  'GET /v1/metrics/flow': query(inWorkflowFilter),
  'GET /v1/decisions': query(inWorkflowFilter),
  'GET /v1/decisions/:id': query(),
  'GET /v1/snapshots': query(inWorkflowFilter),
  'GET /v1/snapshots/:id': query(),
  'GET /v1/snapshots/:id/diff/:otherId': query(),
  'GET /v1/metrics/decisions': query(inWorkflowFilter),
  'GET /v1/metrics/snapshot-drift': query(),

  // History, the ledger, audit
  'GET /v1/streams/:streamId/events': audit(),
  'GET /v1/events': audit(),
  // The live tail is a query permission (access.ts), unlike the paged ledger.
  'GET /v1/events/live': query(),
  'GET /v1/audit/verify': audit(),
  'GET /v1/audit/export': audit(),
  'GET /v1/workflows/:id/history': audit(workflowId),
  'GET /v1/workflows/:id/state': audit(workflowId),
  'GET /v1/tasks/:id/history': audit(taskId),
  'GET /v1/tasks/:id/state': audit(taskId),
  'GET /v1/decisions/:id/history': audit(),
  'GET /v1/decisions/:id/state': audit(),
  'GET /v1/snapshots/:id/history': audit(),
  'GET /v1/snapshots/:id/state': audit(),
  'GET /v1/deployments/:id/history': audit(),
  'GET /v1/deployments/:id/state': audit(),

  // Keys
  'POST /v1/keys': admin,
  'GET /v1/keys': admin,
  'DELETE /v1/keys/:id': admin,
};

/** The policy of a matched route, or undefined (then nobody may call it). */
export function policyOf(method: string, routePattern: string): RoutePolicy | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${routePattern}`;
  return Object.prototype.hasOwnProperty.call(ROUTE_POLICY, key) ? ROUTE_POLICY[key] : undefined;
}
