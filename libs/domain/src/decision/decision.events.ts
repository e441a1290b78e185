import { DomainEvent } from '../shared';
import { DecisionCategory, InitialDecisionStatus } from './decision.commands';

export const decisionStreamId = (decisionId: string): string => `decision-${decisionId}`;

export interface DecisionRecordedData {
  readonly decisionId: string;
  readonly workflowId?: string;
  readonly taskId?: string;
  readonly category: DecisionCategory;
  readonly question: string;
  readonly context?: string;
  readonly optionsConsidered: readonly string[];
  readonly chosen: string;
  readonly reasoning: string;
  readonly tradeOffs?: string;
  readonly drivers?: readonly string[];
  readonly deciders?: readonly string[];
  readonly status: InitialDecisionStatus;
  readonly supersedes?: string;
}

export type DecisionRecorded = DomainEvent<'DecisionRecorded', DecisionRecordedData>;
export type DecisionAccepted = DomainEvent<'DecisionAccepted', { readonly decisionId: string }>;
export type DecisionRejected = DomainEvent<
  'DecisionRejected',
  { readonly decisionId: string; readonly reason: string }
>;
export type DecisionDeprecated = DomainEvent<
  'DecisionDeprecated',
  { readonly decisionId: string; readonly reason: string }
>;
/** On the replaced decision's stream. */
export type DecisionSuperseded = DomainEvent<
  'DecisionSuperseded',
  { readonly decisionId: string; readonly by: string }
>;
/**
 * On the replacing decision's stream when the link is made after it was recorded (SupersedeDecision),
 * so that both ends of the link are facts of their own streams.
 */
export type DecisionLinkedAsSuccessor = DomainEvent<
  'DecisionLinkedAsSuccessor',
  { readonly decisionId: string; readonly supersedes: string }
>;

export type DecisionEvent =
  | DecisionRecorded
  | DecisionAccepted
  | DecisionRejected
  | DecisionDeprecated
  | DecisionSuperseded
  | DecisionLinkedAsSuccessor;

/** Every event type of the aggregate; the `Record` makes the compiler insist that none is missing. */
export const DECISION_EVENT_TYPES = Object.keys({
  DecisionRecorded: true,
  DecisionAccepted: true,
  DecisionRejected: true,
  DecisionDeprecated: true,
  DecisionSuperseded: true,
  DecisionLinkedAsSuccessor: true,
} satisfies Record<DecisionEvent['type'], true>) as DecisionEvent['type'][];
