import { DomainEvent, everyType } from '../shared';
import {
  DecisionChangeReason,
  InitialDecisionStatus,
  RecordDecisionData,
  SupersedeDecisionData,
} from './decision.commands';

export const decisionStreamId = (decisionId: string): string => `decision-${decisionId}`;

/** The fields of RecordDecision that were given; `status` always present. */
export interface DecisionRecordedData extends Omit<RecordDecisionData, 'status'> {
  readonly status: InitialDecisionStatus;
}

export type DecisionRecorded = DomainEvent<'DecisionRecorded', DecisionRecordedData>;
export type DecisionAccepted = DomainEvent<'DecisionAccepted', { readonly decisionId: string }>;
export type DecisionRejected = DomainEvent<'DecisionRejected', DecisionChangeReason>;
export type DecisionDeprecated = DomainEvent<'DecisionDeprecated', DecisionChangeReason>;
/** On the replaced decision's stream. */
export type DecisionSuperseded = DomainEvent<'DecisionSuperseded', SupersedeDecisionData>;
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

/** Every event type of the aggregate. */
export const DECISION_EVENT_TYPES = everyType<DecisionEvent['type']>({
  DecisionRecorded: true,
  DecisionAccepted: true,
  DecisionRejected: true,
  DecisionDeprecated: true,
  DecisionSuperseded: true,
  DecisionLinkedAsSuccessor: true,
});
