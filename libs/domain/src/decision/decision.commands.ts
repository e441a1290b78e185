import { Command } from '../shared';

export const DECISION_CATEGORIES = [
  'architecture',
  'library_choice',
  'trade_off',
  'workaround',
  'other',
] as const;
export type DecisionCategory = (typeof DECISION_CATEGORIES)[number];

/** A decision is recorded either for discussion or as already agreed. */
export const INITIAL_DECISION_STATUSES = ['proposed', 'accepted'] as const;
export type InitialDecisionStatus = (typeof INITIAL_DECISION_STATUSES)[number];

export interface RecordDecisionData {
  readonly decisionId: string;
  readonly workflowId?: string;
  readonly taskId?: string;
  readonly category: DecisionCategory;
  readonly question: string;
  readonly context?: string;
  readonly optionsConsidered: readonly string[];
  /** One of `optionsConsidered`, compared exactly. */
  readonly chosen: string;
  readonly reasoning: string;
  readonly tradeOffs?: string;
  readonly drivers?: readonly string[];
  readonly deciders?: readonly string[];
  /** Defaults to `proposed`. */
  readonly status?: InitialDecisionStatus;
  /** An accepted decision this one replaces; it is marked superseded in the same transaction. */
  readonly supersedes?: string;
}

/** Rejecting or deprecating a decision says why. */
export interface DecisionChangeReason {
  readonly decisionId: string;
  readonly reason: string;
}

/** `decisionId` is replaced by the accepted decision `by`. */
export interface SupersedeDecisionData {
  readonly decisionId: string;
  readonly by: string;
}

export type RecordDecision = Command<'RecordDecision', RecordDecisionData>;
export type AcceptDecision = Command<'AcceptDecision', { readonly decisionId: string }>;
export type RejectDecision = Command<'RejectDecision', DecisionChangeReason>;
export type DeprecateDecision = Command<'DeprecateDecision', DecisionChangeReason>;
/** See `decideSupersedeDecision`. */
export type SupersedeDecision = Command<'SupersedeDecision', SupersedeDecisionData>;

export type DecisionCommand =
  RecordDecision | AcceptDecision | RejectDecision | DeprecateDecision | SupersedeDecision;
