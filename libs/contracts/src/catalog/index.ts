import { DECISION_EVENTS } from './decision.event-schemas';
import { DEPLOYMENT_EVENTS } from './deployment.event-schemas';
import { EventCatalog } from './event-catalog';
import { SNAPSHOT_EVENTS } from './snapshot.event-schemas';
import { TASK_EVENTS } from './task.event-schemas';
import { WORKFLOW_EVENTS } from './workflow.event-schemas';

export { EventCatalog, UnknownEventTypeError, UnsupportedSchemaVersionError } from './event-catalog';
export { EVENT_AGGREGATES } from './event-definition';
export type { EventAggregate, EventDefinition, Upcaster } from './event-definition';
export type { JsonSchema, JsonType, JsonValue } from './json-schema';
export { schemaViolations } from './json-schema.validator';
export type { SchemaViolation } from './json-schema.validator';

/** The event catalog: every domain event type with its schema version, JSON Schema and upcasters. */
export const EVENT_CATALOG = new EventCatalog([
  ...WORKFLOW_EVENTS,
  ...TASK_EVENTS,
  ...DECISION_EVENTS,
  ...SNAPSHOT_EVENTS,
  ...DEPLOYMENT_EVENTS,
]);
