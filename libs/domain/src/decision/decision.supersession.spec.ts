import { fold } from '../shared';
import { NOW_ISO, afterNow, errorThrownBy } from '../shared/testing';
import { decisionDecider } from './decision.decider';
import { DecisionEvent } from './decision.events';
import { DecisionState } from './decision.state';
import { decideRecordDecision, decideSupersedeDecision } from './decision.supersession';
import {
  DECISION_ID,
  OTHER_DECISION_ID,
  decisionAccepted,
  decisionLinkedAsSuccessor,
  decisionRecorded,
  decisionSuperseded,
  recordDecision,
  supersedeDecision,
} from './testing/decision.fixtures';

const state = (...events: DecisionEvent[]): DecisionState => fold(decisionDecider, events);

/** OTHER_DECISION_ID is the old decision, DECISION_ID the new one. */
const oldAccepted = () => [
  decisionRecorded({ decisionId: OTHER_DECISION_ID }),
  decisionAccepted(OTHER_DECISION_ID),
];

describe('decideRecordDecision (two streams)', () => {
  it('writes only the new stream when nothing is superseded', () => {
    const outcome = decideRecordDecision(recordDecision(), { decision: state() });
    expect(outcome).toEqual({ decision: [decisionRecorded({}, NOW_ISO)], superseded: [] });
  });

  it('records the new decision with supersedes and marks the old one superseded by it', () => {
    const command = recordDecision({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    const outcome = decideRecordDecision(command, { decision: state(), superseded: state(...oldAccepted()) });
    expect(outcome).toEqual({
      decision: [decisionRecorded({ status: 'accepted', supersedes: OTHER_DECISION_ID }, NOW_ISO)],
      superseded: [decisionSuperseded(DECISION_ID, OTHER_DECISION_ID, NOW_ISO)],
    });
  });

  it('leaves both streams agreeing on the link', () => {
    const command = recordDecision({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    const before = oldAccepted();
    const outcome = decideRecordDecision(command, { decision: state(), superseded: state(...before) });
    expect(state(...outcome.decision)).toMatchObject({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    expect(state(...before, ...outcome.superseded)).toMatchObject({
      status: 'superseded',
      supersededBy: DECISION_ID,
    });
  });

  it('needs the superseded decision to exist: decision.not_found', () => {
    const command = recordDecision({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    expect(errorThrownBy(() => decideRecordDecision(command, { decision: state() }))).toMatchObject({
      code: 'decision.not_found',
      kind: 'not_found',
      details: { decisionId: OTHER_DECISION_ID },
    });
  });

  it.each([
    ['proposed', [decisionRecorded({ decisionId: OTHER_DECISION_ID })]],
    ['superseded', [...oldAccepted(), decisionSuperseded('adr-0001', OTHER_DECISION_ID)]],
  ])('needs the superseded decision accepted, refusing %s: decision.invalid_transition', (from, events) => {
    const command = recordDecision({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    expect(
      errorThrownBy(() => decideRecordDecision(command, { decision: state(), superseded: state(...events) })),
    ).toMatchObject({
      code: 'decision.invalid_transition',
      details: { decisionId: OTHER_DECISION_ID, from, to: 'superseded' },
    });
  });

  it("refuses a time before the superseded stream's last fact: command.occurred_at_before_previous", () => {
    const later = afterNow(60_000).toISOString();
    const command = recordDecision({ status: 'accepted', supersedes: OTHER_DECISION_ID });
    const superseded = state(
      decisionRecorded({ decisionId: OTHER_DECISION_ID }),
      decisionAccepted(OTHER_DECISION_ID, later),
    );
    expect(
      errorThrownBy(() => decideRecordDecision(command, { decision: state(), superseded })),
    ).toMatchObject({
      code: 'command.occurred_at_before_previous',
    });
  });
});

describe('decideSupersedeDecision (two streams)', () => {
  /** DECISION_ID is the old decision here, OTHER_DECISION_ID the successor. */
  const accepted = () => [decisionRecorded(), decisionAccepted()];
  const successorAccepted = () => [decisionRecorded({ decisionId: OTHER_DECISION_ID, status: 'accepted' })];

  it('marks the old decision superseded and links the successor to it', () => {
    const outcome = decideSupersedeDecision(supersedeDecision(OTHER_DECISION_ID), {
      decision: state(...accepted()),
      successor: state(...successorAccepted()),
    });
    expect(outcome).toEqual({
      decision: [decisionSuperseded(OTHER_DECISION_ID, DECISION_ID, NOW_ISO)],
      successor: [decisionLinkedAsSuccessor(DECISION_ID, OTHER_DECISION_ID, NOW_ISO)],
    });
    expect(state(...successorAccepted(), ...outcome.successor)).toMatchObject({
      status: 'accepted',
      supersedes: DECISION_ID,
    });
  });

  it('needs the successor to exist: decision.not_found', () => {
    const run = () =>
      decideSupersedeDecision(supersedeDecision(OTHER_DECISION_ID), {
        decision: state(...accepted()),
        successor: state(),
      });
    expect(errorThrownBy(run)).toMatchObject({
      code: 'decision.not_found',
      kind: 'not_found',
      details: { decisionId: OTHER_DECISION_ID },
    });
  });

  it('needs the successor accepted: decision.successor_not_accepted', () => {
    const run = () =>
      decideSupersedeDecision(supersedeDecision(OTHER_DECISION_ID), {
        decision: state(...accepted()),
        successor: state(decisionRecorded({ decisionId: OTHER_DECISION_ID })),
      });
    expect(errorThrownBy(run)).toMatchObject({
      code: 'decision.successor_not_accepted',
      details: { decisionId: OTHER_DECISION_ID, successorStatus: 'proposed' },
    });
  });

  it('lets a successor supersede one decision only: decision.already_supersedes', () => {
    const run = () =>
      decideSupersedeDecision(supersedeDecision(OTHER_DECISION_ID), {
        decision: state(...accepted()),
        successor: state(
          decisionRecorded({ decisionId: OTHER_DECISION_ID, status: 'accepted', supersedes: 'adr-0001' }),
        ),
      });
    expect(errorThrownBy(run)).toMatchObject({
      code: 'decision.already_supersedes',
      details: { decisionId: OTHER_DECISION_ID, supersedes: 'adr-0001' },
    });
  });

  it('needs the old decision accepted: decision.invalid_transition', () => {
    const run = () =>
      decideSupersedeDecision(supersedeDecision(OTHER_DECISION_ID), {
        decision: state(decisionRecorded()),
        successor: state(...successorAccepted()),
      });
    expect(errorThrownBy(run)).toMatchObject({
      code: 'decision.invalid_transition',
      details: { decisionId: DECISION_ID, from: 'proposed', to: 'superseded' },
    });
  });

  it("refuses a time before the successor stream's last fact: command.occurred_at_before_previous", () => {
    const later = afterNow(60_000).toISOString();
    const run = () =>
      decideSupersedeDecision(supersedeDecision(OTHER_DECISION_ID), {
        decision: state(...accepted()),
        successor: state(decisionRecorded({ decisionId: OTHER_DECISION_ID, status: 'accepted' }, later)),
      });
    expect(errorThrownBy(run)).toMatchObject({ code: 'command.occurred_at_before_previous' });
  });
});
