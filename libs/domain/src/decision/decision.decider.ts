import { Decider, assertNever, checkOccurredAt, invalid, ruleBroken } from '../shared';
import { DecisionCommand, RecordDecisionData } from './decision.commands';
import {
  DecisionErrorCode,
  decisionInvalidTransition,
  decisionNotFound,
  selfSupersession,
  successorNotAccepted,
} from './decision.errors';
import { DecisionEvent, DecisionRecordedData } from './decision.events';
import {
  DECISION_TRANSITIONS,
  DecisionState,
  DecisionStatus,
  ExistingDecision,
  evolveDecision,
  initialDecisionState,
} from './decision.state';

/**
 * The rules of one decision stream. RecordDecision with `supersedes` and SupersedeDecision also write
 * to a second stream: handlers call `decideRecordDecision` / `decideSupersedeDecision`, which use this
 * decider for each stream's part and add the cross-stream checks.
 */
export function decideDecision(command: DecisionCommand, state: DecisionState): DecisionEvent[] {
  const { now, occurredAt } = command.metadata;
  checkOccurredAt(occurredAt, now, state.lastOccurredAt);
  const at = occurredAt.toISOString();

  switch (command.type) {
    case 'RecordDecision':
      return [{ type: 'DecisionRecorded', data: recordDecision(command.data, state), occurredAt: at }];
    case 'AcceptDecision': {
      const { decisionId } = command.data;
      requireTransition(state, decisionId, 'accepted');
      return [{ type: 'DecisionAccepted', data: { decisionId }, occurredAt: at }];
    }
    case 'RejectDecision': {
      const { decisionId, reason } = command.data;
      requireTransition(state, decisionId, 'rejected');
      return [{ type: 'DecisionRejected', data: { decisionId, reason }, occurredAt: at }];
    }
    case 'DeprecateDecision': {
      const { decisionId, reason } = command.data;
      requireTransition(state, decisionId, 'deprecated');
      return [{ type: 'DecisionDeprecated', data: { decisionId, reason }, occurredAt: at }];
    }
    case 'SupersedeDecision': {
      const { decisionId, by } = command.data;
      if (by === decisionId) throw selfSupersession('by', decisionId);
      requireTransition(state, decisionId, 'superseded');
      return [{ type: 'DecisionSuperseded', data: { decisionId, by }, occurredAt: at }];
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

function requireTransition(
  state: DecisionState,
  decisionId: string,
  to: DecisionStatus,
): asserts state is ExistingDecision {
  if (state.status === 'nonexistent') throw decisionNotFound(decisionId);
  if (!DECISION_TRANSITIONS[state.status].includes(to)) {
    throw decisionInvalidTransition(decisionId, state.status, to);
  }
}

function recordDecision(data: RecordDecisionData, state: DecisionState): DecisionRecordedData {
  checkOptions(data.optionsConsidered, data.chosen);
  const status = data.status ?? 'proposed';
  if (data.supersedes !== undefined) {
    if (data.supersedes === data.decisionId) throw selfSupersession('supersedes', data.decisionId);
    // A proposal may still be rejected, which would leave the old decision replaced by nothing.
    if (status !== 'accepted') throw successorNotAccepted(data.decisionId, status);
  }
  if (state.status !== 'nonexistent') {
    throw ruleBroken(DecisionErrorCode.AlreadyExists, `Decision ${data.decisionId} already exists`, {
      decisionId: data.decisionId,
    });
  }
  // Built field by field so that no stray input and no `undefined` reaches the stored event.
  return {
    decisionId: data.decisionId,
    ...(data.workflowId !== undefined && { workflowId: data.workflowId }),
    ...(data.taskId !== undefined && { taskId: data.taskId }),
    category: data.category,
    question: data.question,
    ...(data.context !== undefined && { context: data.context }),
    optionsConsidered: [...data.optionsConsidered],
    chosen: data.chosen,
    reasoning: data.reasoning,
    ...(data.tradeOffs !== undefined && { tradeOffs: data.tradeOffs }),
    ...(data.drivers !== undefined && { drivers: [...data.drivers] }),
    ...(data.deciders !== undefined && { deciders: [...data.deciders] }),
    status,
    ...(data.supersedes !== undefined && { supersedes: data.supersedes }),
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
