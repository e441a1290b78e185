import { DomainEvent } from '../shared';
import { DeploymentEnvironment, DeploymentType } from './deployment.commands';

export const deploymentStreamId = (deploymentId: string): string => `deployment-${deploymentId}`;

/*
 * DORA metrics read service and environment from DeploymentRequested, and the completion, failure and
 * rollback times from the occurredAt of the events below.
 */

export interface DeploymentRequestedData {
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: DeploymentEnvironment;
  readonly type: DeploymentType;
  readonly workflowId?: string;
  readonly branch?: string;
  readonly commit?: string;
  readonly imageTag?: string;
  /** Always present, without duplicates. */
  readonly taskIds: readonly string[];
  readonly triggeredBy?: string;
  readonly rollbackOf?: string;
}

export type DeploymentRequested = DomainEvent<'DeploymentRequested', DeploymentRequestedData>;
export type DeploymentStarted = DomainEvent<'DeploymentStarted', { readonly deploymentId: string }>;
export type DeploymentCompleted = DomainEvent<
  'DeploymentCompleted',
  { readonly deploymentId: string; readonly url?: string }
>;
export type DeploymentFailed = DomainEvent<
  'DeploymentFailed',
  { readonly deploymentId: string; readonly error: string; readonly logsUrl?: string }
>;
export type DeploymentRolledBack = DomainEvent<
  'DeploymentRolledBack',
  { readonly deploymentId: string; readonly reason: string; readonly rollbackDeploymentId?: string }
>;

export type DeploymentEvent =
  DeploymentRequested | DeploymentStarted | DeploymentCompleted | DeploymentFailed | DeploymentRolledBack;

/** Every event type of the aggregate; the `Record` makes the compiler insist that none is missing. */
export const DEPLOYMENT_EVENT_TYPES = Object.keys({
  DeploymentRequested: true,
  DeploymentStarted: true,
  DeploymentCompleted: true,
  DeploymentFailed: true,
  DeploymentRolledBack: true,
} satisfies Record<DeploymentEvent['type'], true>) as DeploymentEvent['type'][];
