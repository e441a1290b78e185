import { checkOccurredAt, ruleBroken, toEvent } from '../shared';
import { RecordDecision, SupersedeDecision } from './decision.commands';
import { decideDecision } from './decision.decider';
import { DecisionErrorCode, decisionNotFound, successorNotAccepted } from './decision.errors';
import { DecisionEvent, DecisionLinkedAsSuccessor } from './decision.events';
import { DecisionState, initialDecisionState } from './decision.state';

/*
 * A supersession link has two ends: `supersededBy` on the old decision and `supersedes` on the new one.
 * Both ends are written in one append over both streams, so a reader of either stream sees the same link.
 */

export interface RecordDecisionStates {
  readonly decision: DecisionState;
  /** The state of `data.supersedes`; leave undefined when the command supersedes nothing. */
  readonly superseded?: DecisionState;
}

export interface RecordDecisionOutcome {
  /** For `decision-<data.decisionId>`. */
  readonly decision: DecisionEvent[];
  /** For `decision-<data.supersedes>`; empty when the command supersedes nothing. */
  readonly superseded: DecisionEvent[];
}

/** RecordDecision, with the supersession of `data.supersedes` (which must exist and be accepted). */
export function decideRecordDecision(
  command: RecordDecision,
  states: RecordDecisionStates,
): RecordDecisionOutcome {
  const decision = decideDecision(command, states.decision);
  const { decisionId, supersedes } = command.data;
  if (supersedes === undefined) return { decision, superseded: [] };
  const superseded = decideDecision(
    {
      type: 'SupersedeDecision',
      data: { decisionId: supersedes, by: decisionId },
      metadata: command.metadata,
    },
    states.superseded ?? initialDecisionState(),
  );
  return { decision, superseded };
}

export interface SupersedeDecisionStates {
  readonly decision: DecisionState;
  /** The state of `data.by`. */
  readonly successor: DecisionState;
}

export interface SupersedeDecisionOutcome {
  /** For `decision-<data.decisionId>`. */
  readonly decision: DecisionEvent[];
  /** For `decision-<data.by>`. */
  readonly successor: DecisionEvent[];
}

/**
 * SupersedeDecision links two decisions that both exist already: the old one must be accepted, and so
 * must its successor, which may supersede at most one decision.
 */
export function decideSupersedeDecision(
  command: SupersedeDecision,
  states: SupersedeDecisionStates,
): SupersedeDecisionOutcome {
  const decision = decideDecision(command, states.decision);
  const { decisionId, by } = command.data;
  const successor = states.successor;
  if (successor.status === 'nonexistent') throw decisionNotFound(by);
  if (successor.status !== 'accepted') throw successorNotAccepted(by, successor.status);
  if (successor.supersedes !== undefined) {
    throw ruleBroken(
      DecisionErrorCode.AlreadySupersedes,
      `Decision ${by} already supersedes ${successor.supersedes}`,
      { decisionId: by, supersedes: successor.supersedes },
    );
  }
  checkOccurredAt(command.metadata.occurredAt, command.metadata.now, successor.lastOccurredAt);
  const link = { decisionId: by, supersedes: decisionId };
  return {
    decision,
    successor: [toEvent<DecisionLinkedAsSuccessor>('DecisionLinkedAsSuccessor', link, command)],
  };
}
