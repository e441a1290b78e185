import { assertNever } from '../shared';
import { DecisionEvent, DecisionRecordedData } from './decision.events';

export type DecisionStatus = 'proposed' | 'accepted' | 'rejected' | 'deprecated' | 'superseded';

/** What may follow each status; everything else is `decision.invalid_transition`. */
export const DECISION_TRANSITIONS: Readonly<Record<DecisionStatus, readonly DecisionStatus[]>> = {
  proposed: ['accepted', 'rejected'],
  accepted: ['deprecated', 'superseded'],
  rejected: [],
  deprecated: [],
  superseded: [],
};

/** The recorded content: immutable once recorded. */
export type DecisionContent = Omit<DecisionRecordedData, 'status' | 'supersedes'>;

export interface NonexistentDecision {
  readonly status: 'nonexistent';
  readonly lastOccurredAt: null;
}

interface RecordedDecision {
  readonly decision: DecisionContent;
  /** The decision this one replaces, from `DecisionRecorded` or `DecisionLinkedAsSuccessor`. */
  readonly supersedes?: string;
  readonly lastOccurredAt: string;
}

export type ProposedDecision = RecordedDecision & { readonly status: 'proposed' };
export type AcceptedDecision = RecordedDecision & { readonly status: 'accepted' };
export type RejectedDecision = RecordedDecision & { readonly status: 'rejected'; readonly reason: string };
export type DeprecatedDecision = RecordedDecision & {
  readonly status: 'deprecated';
  readonly reason: string;
};
export type SupersededDecision = RecordedDecision & {
  readonly status: 'superseded';
  readonly supersededBy: string;
};

export type ExistingDecision =
  ProposedDecision | AcceptedDecision | RejectedDecision | DeprecatedDecision | SupersededDecision;

export type DecisionState = NonexistentDecision | ExistingDecision;

export const initialDecisionState = (): DecisionState => ({ status: 'nonexistent', lastOccurredAt: null });

/** The fields every existing decision keeps, whatever its status. */
const recorded = (state: ExistingDecision, occurredAt: string): RecordedDecision => ({
  decision: state.decision,
  supersedes: state.supersedes,
  lastOccurredAt: occurredAt,
});

export function evolveDecision(state: DecisionState, event: DecisionEvent): DecisionState {
  if (event.type === 'DecisionRecorded') {
    const { status, supersedes, ...decision } = event.data;
    return { status, decision, supersedes, lastOccurredAt: event.occurredAt };
  }
  // Only DecisionRecorded opens a stream; anything else on an empty stream cannot come from `decide`.
  if (state.status === 'nonexistent') return state;
  const base = recorded(state, event.occurredAt);
  switch (event.type) {
    case 'DecisionAccepted':
      return { ...base, status: 'accepted' };
    case 'DecisionRejected':
      return { ...base, status: 'rejected', reason: event.data.reason };
    case 'DecisionDeprecated':
      return { ...base, status: 'deprecated', reason: event.data.reason };
    case 'DecisionSuperseded':
      return { ...base, status: 'superseded', supersededBy: event.data.by };
    case 'DecisionLinkedAsSuccessor':
      return { ...state, supersedes: event.data.supersedes, lastOccurredAt: event.occurredAt };
    default:
      return assertNever(event);
  }
}
