import { DECISION_TOPICS } from './demo-catalog';
import { PlannedWorkflow } from './demo-workflows';
import { DAY, HOUR, ScenarioPlan } from './scenario-plan';

const DECISIONS_PER_WORKFLOW = 4;

/**
 * Architecture decision records per workflow: proposed then mostly accepted, some rejected, some left
 * open (every running workflow has a recent proposal), some deprecated, and close to half of the
 * accepted ones replaced later, both ways the domain offers (recorded as accepted with `supersedes`,
 * or proposed, accepted, then linked by SupersedeDecision).
 */
export function planDecisions(plan: ScenarioPlan, workflows: readonly PlannedWorkflow[]): void {
  const { random } = plan;
  let count = 0;
  const nextId = () => plan.id('adr', String(++count).padStart(3, '0'));
  for (const workflow of workflows) {
    const span = workflow.endsAt - workflow.startedAt;
    const running = workflow.endsAt > plan.now;
    const topics = random.sample(DECISION_TOPICS, DECISIONS_PER_WORKFLOW + (running ? 1 : 0));
    for (const [index, topic] of topics.entries()) {
      // A running workflow has one proposal made in the last two days, still open.
      const open = index === DECISIONS_PER_WORKFLOW;
      const recordedAt = open
        ? plan.now - random.between(2 * HOUR, 2 * DAY)
        : workflow.startedAt + random.between(0.05, 0.6) * span;
      const about = workflow.tasks.filter((t) => t.createdAt < recordedAt).at(-1);
      const record = (id: string, at: number, chosen: string, extra: Record<string, unknown>) =>
        plan.add(at, 'RecordDecision', id, {
          workflowId: workflow.workflowId,
          ...(about && { taskId: about.taskId }),
          category: topic.category,
          question: topic.question,
          context: `Raised while working on ${workflow.workflowId}`,
          optionsConsidered: [...topic.options],
          chosen,
          reasoning: `${chosen} fits the drivers best today`,
          tradeOffs: 'More moving parts to operate',
          drivers: [...topic.drivers],
          deciders: ['ada', 'grace'],
          ...extra,
        });
      const first = nextId();
      record(first, recordedAt, topic.options[0], { status: 'proposed' });
      if (open || random.chance(0.1)) continue; // still under discussion
      if (random.chance(0.12)) {
        plan.add(recordedAt + random.skewed(HOUR, 3 * DAY), 'RejectDecision', first, {
          reason: 'Too costly for the expected gain',
        });
        continue;
      }
      const acceptedAt = recordedAt + random.skewed(2 * HOUR, 3 * DAY);
      plan.add(acceptedAt, 'AcceptDecision', first);
      if (random.chance(0.45)) {
        const successor = nextId();
        const replacedAt = acceptedAt + random.between(5, 25) * DAY;
        if (random.chance(0.6)) {
          record(successor, replacedAt, topic.options[1], { status: 'accepted', supersedes: first });
        } else {
          record(successor, replacedAt, topic.options[1], { status: 'proposed' });
          const successorAcceptedAt = replacedAt + random.skewed(HOUR, 2 * DAY);
          plan.add(successorAcceptedAt, 'AcceptDecision', successor);
          plan.add(successorAcceptedAt + HOUR, 'SupersedeDecision', first, { by: successor });
        }
      } else if (random.chance(0.1)) {
        plan.add(acceptedAt + random.between(10, 30) * DAY, 'DeprecateDecision', first, {
          reason: 'The constraint that motivated it is gone',
        });
      }
    }
  }
}
