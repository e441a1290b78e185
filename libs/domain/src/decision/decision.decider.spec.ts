import { fold } from '../shared';
import { EARLIER, NOW_ISO, afterNow, deciderSpec } from '../shared/testing';
import { decisionDecider } from './decision.decider';
import { DecisionEvent } from './decision.events';
import { DecisionStatus } from './decision.state';
import {
  DECISION_ID,
  OTHER_DECISION_ID,
  acceptDecision,
  decisionAccepted,
  decisionDeprecated,
  decisionLinkedAsSuccessor,
  decisionRecorded,
  decisionRejected,
  decisionSuperseded,
  deprecateDecision,
  recordDecision,
  rejectDecision,
  supersedeDecision,
} from './testing/decision.fixtures';

const spec = deciderSpec(decisionDecider);
const NEWER_DECISION_ID = 'adr-0012';

const history: Record<DecisionStatus, DecisionEvent[]> = {
  proposed: [decisionRecorded()],
  accepted: [decisionRecorded(), decisionAccepted()],
  rejected: [decisionRecorded(), decisionRejected()],
  deprecated: [decisionRecorded(), decisionAccepted(), decisionDeprecated()],
  superseded: [decisionRecorded(), decisionAccepted(), decisionSuperseded(NEWER_DECISION_ID)],
};

const commandToward = {
  accepted: acceptDecision(),
  rejected: rejectDecision(),
  deprecated: deprecateDecision(),
  superseded: supersedeDecision(OTHER_DECISION_ID),
} as const;

describe('Decision decider', () => {
  describe('RecordDecision', () => {
    it('records a proposed decision when no status is given', () =>
      spec
        .given([])
        .when(recordDecision())
        .then([decisionRecorded({ status: 'proposed' }, NOW_ISO)]));

    it('records an accepted decision with every optional field', () => {
      const optional = {
        workflowId: 'wf-1',
        taskId: 'task-9',
        context: 'We need typed SQL',
        tradeOffs: 'More SQL to write by hand',
        drivers: ['type safety'],
        deciders: ['lead'],
        status: 'accepted',
      } as const;
      spec
        .given([])
        .when(recordDecision(optional))
        .then([decisionRecorded(optional, NOW_ISO)]);
    });

    it('leaves optional fields that were not given out of the event, so it survives a JSON round trip', () => {
      const [event] = spec.given([]).when(recordDecision()).events();
      expect(Object.keys(event.data).sort()).toEqual(
        ['category', 'chosen', 'decisionId', 'optionsConsidered', 'question', 'reasoning', 'status'].sort(),
      );
      expect(JSON.parse(JSON.stringify(event))).toStrictEqual(event);
    });

    it('refuses a second record on the same id: decision.already_exists', () =>
      spec
        .given([decisionRecorded()])
        .when(recordDecision())
        .thenThrows('decision.already_exists', { decisionId: DECISION_ID }));

    it('needs at least one option considered: decision.no_options', () =>
      spec
        .given([])
        .when(recordDecision({ optionsConsidered: [] }))
        .thenThrows('decision.no_options', { field: 'optionsConsidered' }));

    it('refuses an option listed twice: decision.duplicate_option', () =>
      spec
        .given([])
        .when(recordDecision({ optionsConsidered: ['Kysely', 'Knex', 'Kysely'] }))
        .thenThrows('decision.duplicate_option', { field: 'optionsConsidered', actual: 'Kysely' }));

    it('needs the chosen option among the options considered, compared exactly: decision.chosen_not_considered', () =>
      spec
        .given([])
        .when(recordDecision({ chosen: 'kysely' }))
        .thenThrows('decision.chosen_not_considered', {
          field: 'chosen',
          expected: ['Kysely', 'TypeORM', 'Prisma'],
          actual: 'kysely',
        }));

    it('refuses a decision that supersedes itself: decision.self_supersession', () =>
      spec
        .given([])
        .when(recordDecision({ status: 'accepted', supersedes: DECISION_ID }))
        .thenThrows('decision.self_supersession', { field: 'supersedes', decisionId: DECISION_ID }));

    it('only an accepted decision may supersede another: decision.successor_not_accepted', () =>
      spec
        .given([])
        .when(recordDecision({ supersedes: OTHER_DECISION_ID }))
        .thenThrows('decision.successor_not_accepted', {
          decisionId: DECISION_ID,
          successorStatus: 'proposed',
        }));
  });

  describe('allowed transitions', () => {
    it('proposed -> accepted', () =>
      spec
        .given(history.proposed)
        .when(acceptDecision())
        .then([decisionAccepted(DECISION_ID, NOW_ISO)]));

    it('proposed -> rejected', () =>
      spec
        .given(history.proposed)
        .when(rejectDecision())
        .then([decisionRejected(DECISION_ID, NOW_ISO)]));

    it('accepted -> deprecated', () =>
      spec
        .given(history.accepted)
        .when(deprecateDecision())
        .then([decisionDeprecated(DECISION_ID, NOW_ISO)]));

    it('accepted -> superseded', () =>
      spec
        .given(history.accepted)
        .when(supersedeDecision(OTHER_DECISION_ID))
        .then([decisionSuperseded(OTHER_DECISION_ID, DECISION_ID, NOW_ISO)]));

    it('a decision recorded as accepted can be deprecated at once', () =>
      spec
        .given([decisionRecorded({ status: 'accepted' })])
        .when(deprecateDecision())
        .then([decisionDeprecated(DECISION_ID, NOW_ISO)]));
  });

  describe('refused transitions: decision.invalid_transition', () => {
    it.each<[DecisionStatus, keyof typeof commandToward]>([
      ['proposed', 'deprecated'],
      ['proposed', 'superseded'],
      ['accepted', 'accepted'],
      ['accepted', 'rejected'],
      ['rejected', 'accepted'],
      ['rejected', 'rejected'],
      ['rejected', 'deprecated'],
      ['rejected', 'superseded'],
      ['deprecated', 'accepted'],
      ['deprecated', 'rejected'],
      ['deprecated', 'deprecated'],
      ['deprecated', 'superseded'],
      ['superseded', 'accepted'],
      ['superseded', 'rejected'],
      ['superseded', 'deprecated'],
      ['superseded', 'superseded'],
    ])('%s -> %s', (from, to) =>
      spec
        .given(history[from])
        .when(commandToward[to])
        .thenThrows('decision.invalid_transition', { decisionId: DECISION_ID, from, to }),
    );
  });

  describe('a decision that was never recorded: decision.not_found', () => {
    it.each(Object.entries(commandToward))('refuses the change toward %s', (_to, command) =>
      spec.given([]).when(command).thenThrows('decision.not_found', { decisionId: DECISION_ID }),
    );
  });

  it('reports a missing decision as not_found, so transports answer 404 rather than 422', () =>
    expect(() => spec.given([]).when(acceptDecision()).events()).toThrow(
      expect.objectContaining({ code: 'decision.not_found', kind: 'not_found' }),
    ));

  it('refuses SupersedeDecision naming the decision itself: decision.self_supersession', () =>
    spec
      .given(history.accepted)
      .when(supersedeDecision(DECISION_ID))
      .thenThrows('decision.self_supersession', { field: 'by', decisionId: DECISION_ID }));

  describe('occurredAt', () => {
    it('refuses a fact more than 5 minutes in the future: command.occurred_at_in_future', () =>
      spec
        .given([])
        .when(recordDecision({}, afterNow(5 * 60_000 + 1)))
        .thenThrows('command.occurred_at_in_future', { field: 'occurredAt' }));

    it('accepts a fact exactly 5 minutes ahead (clock skew)', () => {
      const ahead = afterNow(5 * 60_000);
      spec
        .given([])
        .when(recordDecision({}, ahead))
        .then([decisionRecorded({}, ahead.toISOString())]);
    });

    it("refuses a fact before the stream's previous fact: command.occurred_at_before_previous", () =>
      spec
        .given([decisionRecorded({}, NOW_ISO)])
        .when(acceptDecision(DECISION_ID, afterNow(-1)))
        .thenThrows('command.occurred_at_before_previous', {
          field: 'occurredAt',
          expected: `>= ${NOW_ISO}`,
        }));

    it('accepts a fact at the same instant as the previous one', () =>
      spec
        .given([decisionRecorded({}, NOW_ISO)])
        .when(acceptDecision())
        .then([decisionAccepted(DECISION_ID, NOW_ISO)]));
  });

  describe('evolve', () => {
    it('keeps the content and the last fact time through status changes', () => {
      const recorded = decisionRecorded({ supersedes: OTHER_DECISION_ID, status: 'accepted' });
      const { status: _status, supersedes: _supersedes, ...content } = recorded.data;
      const state = fold(decisionDecider, [
        recorded,
        decisionSuperseded(NEWER_DECISION_ID, DECISION_ID, NOW_ISO),
      ]);
      expect(state).toEqual({
        status: 'superseded',
        decision: content,
        supersedes: OTHER_DECISION_ID,
        supersededBy: NEWER_DECISION_ID,
        lastOccurredAt: NOW_ISO,
      });
    });

    it('records the reason of a rejection', () => {
      const state = fold(decisionDecider, history.rejected);
      expect(state).toMatchObject({ status: 'rejected', reason: 'Too much magic', lastOccurredAt: EARLIER });
    });

    it('a link as successor sets supersedes and keeps the status', () => {
      const state = fold(decisionDecider, [
        ...history.accepted,
        decisionLinkedAsSuccessor(OTHER_DECISION_ID),
      ]);
      expect(state).toMatchObject({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    });
  });
});
