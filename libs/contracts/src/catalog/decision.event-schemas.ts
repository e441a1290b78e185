import {
  DECISION_CATEGORIES,
  DecisionChangeReason,
  DecisionEvent,
  INITIAL_DECISION_STATUSES,
} from '@annals/domain';
import { aggregateEvents } from './event-definition';
import { ID, list, NAME, TEXT } from './event-fields';
import { oneOf, optional, PropertySchemas } from './json-schema';

const changeReason: PropertySchemas<DecisionChangeReason> = { decisionId: ID, reason: TEXT };

export const DECISION_EVENTS = aggregateEvents<DecisionEvent>('decision', {
  DecisionRecorded: {
    description:
      'A decision was recorded with the options weighed and the reasoning; its content never changes.',
    data: {
      decisionId: ID,
      workflowId: optional(ID),
      taskId: optional(ID),
      category: oneOf(DECISION_CATEGORIES),
      question: TEXT,
      context: optional(TEXT),
      optionsConsidered: list(TEXT, 1),
      chosen: TEXT,
      reasoning: TEXT,
      tradeOffs: optional(TEXT),
      drivers: optional(list(TEXT)),
      deciders: optional(list(NAME)),
      status: oneOf(INITIAL_DECISION_STATUSES),
      supersedes: optional(ID),
    },
  },
  DecisionAccepted: {
    description: 'A proposed decision was accepted.',
    data: { decisionId: ID },
  },
  DecisionRejected: {
    description: 'A proposed decision was rejected.',
    data: changeReason,
  },
  DecisionDeprecated: {
    description: 'An accepted decision no longer applies.',
    data: changeReason,
  },
  DecisionSuperseded: {
    description: 'An accepted decision was replaced by the accepted decision `by`.',
    data: { decisionId: ID, by: ID },
  },
  DecisionLinkedAsSuccessor: {
    description: 'This decision replaces `supersedes` (the other end of DecisionSuperseded, on this stream).',
    data: { decisionId: ID, supersedes: ID },
  },
});
