/** Data of an event at its current schema version. */
type Data = Readonly<Record<string, any>>;

const quoted = (text: string) => `"${text}"`;
const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * One line per event type, for people reading the timeline. Keyed by every type of the event
 * catalog (a unit test holds the two together), so a new event type cannot slip in unsummarised.
 */
export const ACTIVITY_SUMMARIES: Readonly<Record<string, (data: Data) => string>> = {
  WorkflowStarted: (d) => `Workflow ${quoted(d.name)} started`,
  WorkflowUpdated: (d) =>
    `Workflow updated: ${
      Object.keys(d)
        .filter((key) => key !== 'workflowId')
        .join(', ') || 'no fields'
    }`,
  PhaseStarted: (d) => `Phase ${d.number} ${quoted(d.name)} started`,
  PhaseCompleted: (d) => `Phase ${d.phaseId} completed`,
  WorkflowCompleted: (d) => `Workflow ended: ${d.result}`,
  WorkflowArchived: (d) => `Workflow archived${d.reason ? `: ${d.reason}` : ''}`,
  TaskAttached: (d) => `Task ${d.taskId} added to the workflow`,
  DependencyAdded: (d) => `Task ${d.taskId} now depends on ${d.dependsOnTaskId}`,
  DependencyRemoved: (d) => `Task ${d.taskId} no longer depends on ${d.dependsOnTaskId}`,
  TaskCreated: (d) => `Task ${quoted(d.name)} created (${d.priority})`,
  TaskStarted: (d) => `Task started${d.assignee ? ` by ${d.assignee.name ?? d.assignee.id}` : ''}`,
  TaskAssigned: (d) => `Task assigned to ${d.assignee.name ?? d.assignee.id}`,
  MilestoneRecorded: (d) => `Milestone${d.progress === undefined ? '' : ` (${d.progress}%)`}: ${d.message}`,
  IssueLogged: (d) => `Issue logged (${d.type}): ${d.description}`,
  QuestionAsked: (d) => `Question asked: ${d.question}`,
  QuestionAnswered: (d) => `Question ${d.questionId} answered`,
  TaskBlocked: (d) => `Task blocked: ${d.reason}`,
  TaskUnblocked: () => 'Task unblocked',
  TaskCompleted: (d) =>
    `Task completed (${d.result}, tests ${d.testsStatus}${d.manualReviewNeeded ? ', review needed' : ''})`,
  TaskFailed: (d) => `Task failed: ${d.reason}`,
  TaskCancelled: (d) => `Task cancelled: ${d.reason}`,
  TaskRetried: (d) => `Task retried (attempt ${d.attempt})`,
  DecisionRecorded: (d) => `Decision recorded (${d.category}, ${d.status}): ${d.question}`,
  DecisionAccepted: () => 'Decision accepted',
  DecisionRejected: (d) => `Decision rejected: ${d.reason}`,
  DecisionDeprecated: (d) => `Decision deprecated: ${d.reason}`,
  DecisionSuperseded: (d) => `Decision superseded by ${d.by}`,
  DecisionLinkedAsSuccessor: (d) => `Decision supersedes ${d.supersedes}`,
  SnapshotCaptured: (d) => `Snapshot (${d.kind}, ${d.status}) of ${d.subject.type} ${d.subject.id} captured`,
  DeploymentRequested: (d) =>
    `Deployment of ${d.service} to ${d.environment} requested (${d.type}, ${counted(d.taskIds.length, 'task')})`,
  DeploymentStarted: () => 'Deployment started',
  DeploymentCompleted: () => 'Deployment completed',
  DeploymentFailed: (d) => `Deployment failed: ${d.error}`,
  DeploymentRolledBack: (d) => `Deployment rolled back: ${d.reason}`,
};

/** Long texts (a failure reason, a question) are cut: the timeline links to the entity for the rest. */
export const SUMMARY_MAX_LENGTH = 200;

export function summaryOf(type: string, data: Data): string {
  const summarise = ACTIVITY_SUMMARIES[type];
  const text = summarise ? summarise(data) : type;
  return text.length > SUMMARY_MAX_LENGTH ? `${text.slice(0, SUMMARY_MAX_LENGTH - 1)}…` : text;
}
