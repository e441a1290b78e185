import {
  DomainError,
  EntityLabel,
  entityAlreadyExists,
  entityNotFound,
  invalid,
  invalidTransition,
  ruleBroken,
} from '../shared';

export const DecisionErrorCode = {
  NotFound: 'decision.not_found',
  AlreadyExists: 'decision.already_exists',
  InvalidTransition: 'decision.invalid_transition',
  NoOptions: 'decision.no_options',
  DuplicateOption: 'decision.duplicate_option',
  ChosenNotConsidered: 'decision.chosen_not_considered',
  SelfSupersession: 'decision.self_supersession',
  SuccessorNotAccepted: 'decision.successor_not_accepted',
  AlreadySupersedes: 'decision.already_supersedes',
} as const;
export type DecisionErrorCode = (typeof DecisionErrorCode)[keyof typeof DecisionErrorCode];

const DECISION: EntityLabel = { name: 'Decision', idField: 'decisionId' };

export const decisionNotFound = (decisionId: string): DomainError =>
  entityNotFound(DecisionErrorCode.NotFound, DECISION, decisionId);

export const decisionAlreadyExists = (decisionId: string): DomainError =>
  entityAlreadyExists(DecisionErrorCode.AlreadyExists, DECISION, decisionId);

export const decisionInvalidTransition = (decisionId: string, from: string, to: string): DomainError =>
  invalidTransition(DecisionErrorCode.InvalidTransition, DECISION, decisionId, from, to);

export const successorNotAccepted = (decisionId: string, status: string): DomainError =>
  ruleBroken(
    DecisionErrorCode.SuccessorNotAccepted,
    `Decision ${decisionId} is ${status}: only an accepted decision can supersede another`,
    { decisionId, successorStatus: status },
  );

export const selfSupersession = (field: 'supersedes' | 'by', decisionId: string): DomainError =>
  invalid(DecisionErrorCode.SelfSupersession, `Decision ${decisionId} cannot supersede itself`, {
    field,
    decisionId,
  });
