import { EnvelopeWithUpcastData } from '../engine/projection';

/** A row of read.decisions as the projection folds it (position a number). */
export interface DecisionRow {
  readonly id: string;
  readonly workflow_id: string | null;
  readonly task_id: string | null;
  readonly category: string;
  readonly question: string;
  readonly context: string | null;
  readonly options_considered: readonly string[];
  readonly chosen: string;
  readonly reasoning: string;
  readonly trade_offs: string | null;
  readonly drivers: readonly string[];
  readonly deciders: readonly string[];
  readonly status: string;
  /** Why it was rejected or deprecated. */
  readonly status_reason: string | null;
  readonly supersedes: string | null;
  readonly superseded_by: string | null;
  readonly created_at: Date;
  readonly accepted_at: Date | null;
  readonly superseded_at: Date | null;
  readonly updated_at: Date;
  readonly position: number;
}

export const DECISION_ROW_EVENTS = [
  'DecisionRecorded',
  'DecisionAccepted',
  'DecisionRejected',
  'DecisionDeprecated',
  'DecisionSuperseded',
  'DecisionLinkedAsSuccessor',
] as const;

/** What one decision event does to its row; events of a decision never recorded are ignored. */
export function evolveDecisionRow(
  row: DecisionRow | undefined,
  event: EnvelopeWithUpcastData,
): DecisionRow | undefined {
  const { data } = event;
  const at = new Date(event.occurredAt);
  if (event.type === 'DecisionRecorded') return recordedRow(event, at);
  if (!row) return undefined;
  const touched: DecisionRow = { ...row, updated_at: at, position: event.position };
  switch (event.type) {
    case 'DecisionAccepted':
      return { ...touched, status: 'accepted', accepted_at: at };
    case 'DecisionRejected':
      return { ...touched, status: 'rejected', status_reason: data.reason };
    case 'DecisionDeprecated':
      return { ...touched, status: 'deprecated', status_reason: data.reason };
    case 'DecisionSuperseded':
      return { ...touched, status: 'superseded', superseded_by: data.by, superseded_at: at };
    case 'DecisionLinkedAsSuccessor':
      // Content and status stay: only the link is new.
      return { ...touched, supersedes: data.supersedes };
    default:
      return undefined;
  }
}

function recordedRow(event: EnvelopeWithUpcastData, at: Date): DecisionRow {
  const { data } = event;
  const status: string = data.status ?? 'proposed';
  return {
    id: data.decisionId,
    workflow_id: data.workflowId ?? null,
    task_id: data.taskId ?? null,
    category: data.category,
    question: data.question,
    context: data.context ?? null,
    options_considered: data.optionsConsidered ?? [],
    chosen: data.chosen,
    reasoning: data.reasoning,
    trade_offs: data.tradeOffs ?? null,
    drivers: data.drivers ?? [],
    deciders: data.deciders ?? [],
    status,
    status_reason: null,
    supersedes: data.supersedes ?? null,
    superseded_by: null,
    created_at: at,
    // Recorded as already agreed: accepted when recorded.
    accepted_at: status === 'accepted' ? at : null,
    superseded_at: null,
    updated_at: at,
    position: event.position,
  };
}
