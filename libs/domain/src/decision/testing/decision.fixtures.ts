import { EARLIER, receivedNow } from '../../shared/testing';
import {
  AcceptDecision,
  DeprecateDecision,
  RecordDecision,
  RecordDecisionData,
  RejectDecision,
  SupersedeDecision,
} from '../decision.commands';
import {
  DecisionAccepted,
  DecisionDeprecated,
  DecisionLinkedAsSuccessor,
  DecisionRecorded,
  DecisionRecordedData,
  DecisionRejected,
  DecisionSuperseded,
} from '../decision.events';

export const DECISION_ID = 'adr-0007';
export const OTHER_DECISION_ID = 'adr-0003';

const recordData: RecordDecisionData = {
  decisionId: DECISION_ID,
  category: 'library_choice',
  question: 'Which SQL layer?',
  optionsConsidered: ['Kysely', 'TypeORM', 'Prisma'],
  chosen: 'Kysely',
  reasoning: 'Typed SQL without an ORM',
};

export const recordDecision = (
  data: Partial<RecordDecisionData> = {},
  occurredAt?: Date,
): RecordDecision => ({
  type: 'RecordDecision',
  data: { ...recordData, ...data },
  metadata: receivedNow(occurredAt),
});
export const acceptDecision = (decisionId = DECISION_ID, occurredAt?: Date): AcceptDecision => ({
  type: 'AcceptDecision',
  data: { decisionId },
  metadata: receivedNow(occurredAt),
});
export const rejectDecision = (decisionId = DECISION_ID): RejectDecision => ({
  type: 'RejectDecision',
  data: { decisionId, reason: 'Too much magic' },
  metadata: receivedNow(),
});
export const deprecateDecision = (decisionId = DECISION_ID): DeprecateDecision => ({
  type: 'DeprecateDecision',
  data: { decisionId, reason: 'No longer relevant' },
  metadata: receivedNow(),
});
export const supersedeDecision = (
  by: string,
  decisionId = DECISION_ID,
  occurredAt?: Date,
): SupersedeDecision => ({
  type: 'SupersedeDecision',
  data: { decisionId, by },
  metadata: receivedNow(occurredAt),
});

const recordedData: DecisionRecordedData = { ...recordData, status: 'proposed' };

export const decisionRecorded = (
  data: Partial<DecisionRecordedData> = {},
  occurredAt = EARLIER,
): DecisionRecorded => ({ type: 'DecisionRecorded', data: { ...recordedData, ...data }, occurredAt });
export const decisionAccepted = (decisionId = DECISION_ID, occurredAt = EARLIER): DecisionAccepted => ({
  type: 'DecisionAccepted',
  data: { decisionId },
  occurredAt,
});
export const decisionRejected = (decisionId = DECISION_ID, occurredAt = EARLIER): DecisionRejected => ({
  type: 'DecisionRejected',
  data: { decisionId, reason: 'Too much magic' },
  occurredAt,
});
export const decisionDeprecated = (decisionId = DECISION_ID, occurredAt = EARLIER): DecisionDeprecated => ({
  type: 'DecisionDeprecated',
  data: { decisionId, reason: 'No longer relevant' },
  occurredAt,
});
export const decisionSuperseded = (
  by: string,
  decisionId = DECISION_ID,
  occurredAt = EARLIER,
): DecisionSuperseded => ({ type: 'DecisionSuperseded', data: { decisionId, by }, occurredAt });
export const decisionLinkedAsSuccessor = (
  supersedes: string,
  decisionId = DECISION_ID,
  occurredAt = EARLIER,
): DecisionLinkedAsSuccessor => ({
  type: 'DecisionLinkedAsSuccessor',
  data: { decisionId, supersedes },
  occurredAt,
});
