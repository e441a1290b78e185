import {
  CommandBodyDto,
  DecisionReasonDto,
  RecordDecisionDto,
  SupersedeDecisionDto,
} from '@annals/contracts';
import { decideRecordDecision, decideSupersedeDecision } from '@annals/domain';
import { CommandDefinition, singleStreamCommand } from '../command-definition';

/** With `supersedes`, the replaced decision's stream gets DecisionSuperseded in the same append. */
const recordDecision: CommandDefinition<RecordDecisionDto> = {
  type: 'RecordDecision',
  aggregate: 'decision',
  dto: RecordDecisionDto,
  creates: true,
  summary:
    'Record an architecture decision, proposed or accepted; with supersedes, the replaced decision is marked superseded',
  async execute(context, decisionId, data) {
    const decision = await context.load('decision', decisionId);
    const superseded =
      data.supersedes === undefined ? undefined : await context.load('decision', data.supersedes);
    const events = decideRecordDecision(
      { type: 'RecordDecision', data: { ...data, decisionId }, metadata: context.metadata },
      { decision: decision.state, superseded: superseded?.state },
    );
    return {
      primary: decision,
      changes: [
        { stream: decision, events: events.decision },
        ...(superseded ? [{ stream: superseded, events: events.superseded }] : []),
      ],
    };
  },
};

/** Links two recorded decisions: DecisionSuperseded on this one, DecisionLinkedAsSuccessor on `by`. */
const supersedeDecision: CommandDefinition<SupersedeDecisionDto> = {
  type: 'SupersedeDecision',
  aggregate: 'decision',
  dto: SupersedeDecisionDto,
  creates: false,
  summary: 'Mark an accepted decision as replaced by another accepted decision',
  async execute(context, decisionId, data) {
    const decision = await context.load('decision', decisionId);
    const successor = await context.load('decision', data.by);
    const events = decideSupersedeDecision(
      { type: 'SupersedeDecision', data: { decisionId, by: data.by }, metadata: context.metadata },
      { decision: decision.state, successor: successor.state },
    );
    return {
      primary: decision,
      changes: [
        { stream: decision, events: events.decision },
        { stream: successor, events: events.successor },
      ],
    };
  },
};

export const decisionCommands: CommandDefinition[] = [
  recordDecision,
  singleStreamCommand({
    type: 'AcceptDecision',
    aggregate: 'decision',
    dto: CommandBodyDto,
    summary: 'Accept a proposed decision',
    toCommand: (decisionId) => ({ decisionId }),
  }),
  singleStreamCommand({
    type: 'RejectDecision',
    aggregate: 'decision',
    dto: DecisionReasonDto,
    summary: 'Reject a proposed decision, saying why',
    toCommand: (decisionId, data) => ({ ...data, decisionId }),
  }),
  singleStreamCommand({
    type: 'DeprecateDecision',
    aggregate: 'decision',
    dto: DecisionReasonDto,
    summary: 'Deprecate an accepted decision, saying why',
    toCommand: (decisionId, data) => ({ ...data, decisionId }),
  }),
  supersedeDecision,
];
