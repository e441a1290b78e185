import { DEPLOYMENT_ENVIRONMENT_PATTERN, DEPLOYMENT_TYPES, DeploymentEvent } from '@annals/domain';
import { LIMITS } from '../commands/limits';
import { aggregateEvents, Upcaster } from './event-definition';
import { ID, list, NAME, TEXT, URL } from './event-fields';
import { oneOf, optional, string } from './json-schema';

/**
 * DeploymentRequested v1 did not say which tasks a deployment shipped; v2 always does (lead time for
 * changes reads it). A v1 deployment is taken to have shipped none.
 */
export const deploymentRequestedV1ToV2: Upcaster = (data) => ({ taskIds: [], ...data });

export const DEPLOYMENT_EVENTS = aggregateEvents<DeploymentEvent>('deployment', {
  DeploymentRequested: {
    description: 'A deployment of a service to an environment was requested, with the tasks it ships.',
    schemaVersion: 2,
    upcasters: { 1: deploymentRequestedV1ToV2 },
    data: {
      deploymentId: ID,
      service: NAME,
      environment: string({ pattern: DEPLOYMENT_ENVIRONMENT_PATTERN, maxLength: LIMITS.name }),
      type: oneOf(DEPLOYMENT_TYPES),
      workflowId: optional(ID),
      branch: optional(NAME),
      commit: optional(NAME),
      imageTag: optional(NAME),
      taskIds: list(ID),
      triggeredBy: optional(NAME),
      rollbackOf: optional(ID),
    },
  },
  DeploymentStarted: {
    description: 'The deployment began (pending -> in_progress).',
    data: { deploymentId: ID },
  },
  DeploymentCompleted: {
    description: 'The deployment succeeded; its time counts for deployment frequency and lead time.',
    data: { deploymentId: ID, url: optional(URL) },
  },
  DeploymentFailed: {
    description: 'The deployment failed; it counts against the change failure rate.',
    data: { deploymentId: ID, error: TEXT, logsUrl: optional(URL) },
  },
  DeploymentRolledBack: {
    description: 'A completed deployment was rolled back; it counts as a failed change.',
    data: { deploymentId: ID, reason: TEXT, rollbackDeploymentId: optional(ID) },
  },
});
