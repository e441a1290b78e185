import { DecisionRow } from './decision-row';

/** A decision as queries answer it. */
export interface DecisionView {
  readonly id: string;
  readonly workflowId: string | null;
  readonly taskId: string | null;
  readonly category: string;
  readonly question: string;
  readonly context: string | null;
  readonly optionsConsidered: readonly string[];
  readonly chosen: string;
  readonly reasoning: string;
  readonly tradeOffs: string | null;
  readonly drivers: readonly string[];
  readonly deciders: readonly string[];
  readonly status: string;
  readonly statusReason: string | null;
  /** The decision this one replaces. */
  readonly supersedes: string | null;
  /** The decision that replaced this one. */
  readonly supersededBy: string | null;
  readonly createdAt: string;
  readonly acceptedAt: string | null;
  readonly supersededAt: string | null;
  readonly updatedAt: string;
  readonly position: number;
}

export function decisionView(row: DecisionRow): DecisionView {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    taskId: row.task_id,
    category: row.category,
    question: row.question,
    context: row.context,
    optionsConsidered: row.options_considered,
    chosen: row.chosen,
    reasoning: row.reasoning,
    tradeOffs: row.trade_offs,
    drivers: row.drivers,
    deciders: row.deciders,
    status: row.status,
    statusReason: row.status_reason,
    supersedes: row.supersedes,
    supersededBy: row.superseded_by,
    createdAt: row.created_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    supersededAt: row.superseded_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    position: row.position,
  };
}
