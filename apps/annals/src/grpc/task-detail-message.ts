import { TaskDetail } from '@annals/projections';
import { toProtoStruct } from './protobuf-json';

type Milestone = TaskDetail['milestones']['items'][number];

/**
 * annals.v1.GetTaskResponse from the view REST answers for GET /v1/tasks/{id}. The view's field names
 * are the messages' (camelCase) and its nulls are unset optionals, so everything passes through as is
 * but two things: milestone metadata, any JSON object, becomes a google.protobuf.Struct, and the
 * dependency edges stand beside the task, where GetTaskResponse carried them before the detail did.
 */
export function getTaskResponse(detail: TaskDetail) {
  const { dependsOn, dependents, ...task } = detail;
  return {
    task: {
      ...task,
      milestones: { ...task.milestones, items: task.milestones.items.map(milestoneMessage) },
    },
    dependsOn,
    dependents,
  };
}

const milestoneMessage = ({ metadata, ...milestone }: Milestone) => ({
  ...milestone,
  metadata: isJsonObject(metadata) ? toProtoStruct(metadata) : undefined,
});

// The command accepts only an object (IsObject); anything else would not be a Struct.
const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
