import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ENTITY_ID_PATTERN, EventStore, streamIdOf } from '@annals/event-store';
import { AccessDenied, Principal } from './access';
import { ScopeRule } from './route-policy';

/**
 * Keys restricted to one workflow: a request passes only when its route says which workflow it touches
 * and that is the key's. Everything else is refused: routes across workflows (the ledger, lists of all
 * workflows, the batch route) and entities whose workflow is not cheaply certain (docs/security.md).
 */
@Injectable()
export class WorkflowScope {
  constructor(private readonly store: EventStore) {}

  async check(principal: Principal, rule: ScopeRule | undefined, request: FastifyRequest): Promise<void> {
    const scope = principal.workflowId;
    if (scope === undefined || rule?.kind === 'unscoped') return;
    const touched = rule === undefined ? undefined : await this.workflowOf(rule, request);
    if (touched !== scope) {
      throw new AccessDenied(
        'forbidden',
        rule === undefined
          ? `This key is restricted to workflow ${scope}; this route is not available to restricted keys`
          : `This key is restricted to workflow ${scope}; the request does not touch that workflow only`,
      );
    }
  }

  private async workflowOf(rule: Exclude<ScopeRule, { kind: 'unscoped' }>, request: FastifyRequest) {
    switch (rule.kind) {
      case 'workflowParam':
        return single((request.params as Record<string, unknown>)[rule.param]);
      case 'body':
        return single((request.body as Record<string, unknown> | undefined)?.[rule.field]);
      case 'query':
        return single((request.query as Record<string, unknown>)[rule.field]);
      case 'taskParam':
        return this.workflowOfTask(single((request.params as Record<string, unknown>)[rule.param]));
    }
  }

  /** A task stays in the workflow it was created in: its first event says which. */
  private async workflowOfTask(taskId: string | undefined): Promise<string | undefined> {
    if (taskId === undefined || !ENTITY_ID_PATTERN.test(taskId)) return undefined;
    const [created] = await this.store.readStream(streamIdOf('task', taskId), { toVersion: 1, limit: 1 });
    return single((created?.data as Record<string, unknown> | undefined)?.workflowId);
  }
}

const single = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
