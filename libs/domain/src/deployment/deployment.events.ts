import { DomainEvent, everyType } from '../shared';
import {
  CompleteDeploymentData,
  FailDeploymentData,
  RequestDeploymentData,
  RollBackDeploymentData,
} from './deployment.commands';

export const deploymentStreamId = (deploymentId: string): string => `deployment-${deploymentId}`;

/*
 * DORA metrics read service and environment from DeploymentRequested, and the completion, failure and
 * rollback times from the occurredAt of the events below.
 */

/** The fields of RequestDeployment that were given. */
export interface DeploymentRequestedData extends Omit<RequestDeploymentData, 'taskIds'> {
  /** Always present, without duplicates. */
  readonly taskIds: readonly string[];
}

export type DeploymentRequested = DomainEvent<'DeploymentRequested', DeploymentRequestedData>;
export type DeploymentStarted = DomainEvent<'DeploymentStarted', { readonly deploymentId: string }>;
export type DeploymentCompleted = DomainEvent<'DeploymentCompleted', CompleteDeploymentData>;
export type DeploymentFailed = DomainEvent<'DeploymentFailed', FailDeploymentData>;
export type DeploymentRolledBack = DomainEvent<'DeploymentRolledBack', RollBackDeploymentData>;

export type DeploymentEvent =
  DeploymentRequested | DeploymentStarted | DeploymentCompleted | DeploymentFailed | DeploymentRolledBack;

/** Every event type of the aggregate. */
export const DEPLOYMENT_EVENT_TYPES = everyType<DeploymentEvent['type']>({
  DeploymentRequested: true,
  DeploymentStarted: true,
  DeploymentCompleted: true,
  DeploymentFailed: true,
  DeploymentRolledBack: true,
});
