import {
  Decider,
  LifeCycle,
  assertNever,
  checkOccurredAt,
  invalid,
  requireTransition,
  toEvent,
} from '../shared';
import { DecisionCommand, RecordDecisionData } from './decision.commands';
import {
  DecisionErrorCode,
  decisionAlreadyExists,
  decisionInvalidTransition,
  decisionNotFound,
  selfSupersession,
  successorNotAccepted,
} from './decision.errors';
import {
  DecisionAccepted,
  DecisionDeprecated,
  DecisionEvent,
  DecisionRecorded,
  DecisionRecordedData,
  DecisionRejected,
  DecisionSuperseded,
} from './decision.events';
import {
  DECISION_TRANSITIONS,
  DecisionState,
  DecisionStatus,
  evolveDecision,
  initialDecisionState,
} from './decision.state';

const DECISION_LIFE_CYCLE: LifeCycle<DecisionStatus> = {
  transitions: DECISION_TRANSITIONS,
  notFound: decisionNotFound,
  invalidTransition: decisionInvalidTransition,
};

/**
 * The rules of one decision stream. RecordDecision with `supersedes` and SupersedeDecision also write
 * to a second stream: handlers call `decideRecordDecision` / `decideSupersedeDecision`, which use this
 * decider for each stream's part and add the cross-stream checks.
 */
export function decideDecision(command: DecisionCommand, state: DecisionState): DecisionEvent[] {
  checkOccurredAt(command.metadata.occurredAt, command.metadata.now, state.lastOccurredAt);

  switch (command.type) {
    case 'RecordDecision':
      return [toEvent<DecisionRecorded>('DecisionRecorded', recordDecision(command.data, state), command)];
    case 'AcceptDecision': {
      const { decisionId } = command.data;
      requireTransition(DECISION_LIFE_CYCLE, state, decisionId, 'accepted');
      return [toEvent<DecisionAccepted>('DecisionAccepted', { decisionId }, command)];
    }
    case 'RejectDecision': {
      const { decisionId, reason } = command.data;
      requireTransition(DECISION_LIFE_CYCLE, state, decisionId, 'rejected');
      return [toEvent<DecisionRejected>('DecisionRejected', { decisionId, reason }, command)];
    }
    case 'DeprecateDecision': {
      const { decisionId, reason } = command.data;
      requireTransition(DECISION_LIFE_CYCLE, state, decisionId, 'deprecated');
      return [toEvent<DecisionDeprecated>('DecisionDeprecated', { decisionId, reason }, command)];
    }
    case 'SupersedeDecision': {
      const { decisionId, by } = command.data;
      if (by === decisionId) throw selfSupersession('by', decisionId);
      requireTransition(DECISION_LIFE_CYCLE, state, decisionId, 'superseded');
      return [toEvent<DecisionSuperseded>('DecisionSuperseded', { decisionId, by }, command)];
    }
    default:
      return assertNever(command);
  }
}

export const decisionDecider: Decider<DecisionState, DecisionCommand, DecisionEvent> = {
  initialState: initialDecisionState,
  decide: decideDecision,
  evolve: evolveDecision,
};

function recordDecision(data: RecordDecisionData, state: DecisionState): DecisionRecordedData {
  checkOptions(data.optionsConsidered, data.chosen);
  const status = data.status ?? 'proposed';
  if (data.supersedes !== undefined) {
    if (data.supersedes === data.decisionId) throw selfSupersession('supersedes', data.decisionId);
    // A proposal may still be rejected, which would leave the old decision replaced by nothing.
    if (status !== 'accepted') throw successorNotAccepted(data.decisionId, status);
  }
  if (state.status !== 'nonexistent') throw decisionAlreadyExists(data.decisionId);
  // Named field by field so that no stray input reaches the stored event; `toEvent` drops the ones not given.
  return {
    decisionId: data.decisionId,
    workflowId: data.workflowId,
    taskId: data.taskId,
    category: data.category,
    question: data.question,
    context: data.context,
    optionsConsidered: data.optionsConsidered,
    chosen: data.chosen,
    reasoning: data.reasoning,
    tradeOffs: data.tradeOffs,
    drivers: data.drivers,
    deciders: data.deciders,
    status,
    supersedes: data.supersedes,
  };
}

function checkOptions(options: readonly string[], chosen: string): void {
  if (options.length === 0) {
    throw invalid(DecisionErrorCode.NoOptions, 'A decision needs at least one option considered', {
      field: 'optionsConsidered',
    });
  }
  const duplicate = options.find((option, index) => options.indexOf(option) !== index);
  if (duplicate !== undefined) {
    throw invalid(DecisionErrorCode.DuplicateOption, `Option "${duplicate}" is listed more than once`, {
      field: 'optionsConsidered',
      actual: duplicate,
    });
  }
  if (!options.includes(chosen)) {
    throw invalid(
      DecisionErrorCode.ChosenNotConsidered,
      'The chosen option must be one of the options considered',
      {
        field: 'chosen',
        expected: [...options],
        actual: chosen,
      },
    );
  }
}
