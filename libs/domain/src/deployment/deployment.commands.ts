import { Command } from '../shared';

/** `preview`, `staging`, `production`, or a custom name matching `DEPLOYMENT_ENVIRONMENT_PATTERN`. */
export type DeploymentEnvironment = 'preview' | 'staging' | 'production' | (string & {});
export const DEPLOYMENT_ENVIRONMENT_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

export const DEPLOYMENT_TYPES = ['manual', 'automatic', 'rollback'] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export interface RequestDeploymentData {
  readonly deploymentId: string;
  readonly service: string;
  readonly environment: DeploymentEnvironment;
  readonly type: DeploymentType;
  readonly workflowId?: string;
  readonly branch?: string;
  readonly commit?: string;
  readonly imageTag?: string;
  /** The tasks this deployment ships (lead time for changes); duplicates are dropped. Defaults to none. */
  readonly taskIds?: readonly string[];
  readonly triggeredBy?: string;
  /** The deployment this one rolls back; required exactly when type is `rollback`. */
  readonly rollbackOf?: string;
}

export interface CompleteDeploymentData {
  readonly deploymentId: string;
  readonly url?: string;
}

export interface FailDeploymentData {
  readonly deploymentId: string;
  readonly error: string;
  readonly logsUrl?: string;
}

export interface RollBackDeploymentData {
  readonly deploymentId: string;
  readonly reason: string;
  /** The deployment that carried out the rollback, when there was one. */
  readonly rollbackDeploymentId?: string;
}

export type RequestDeployment = Command<'RequestDeployment', RequestDeploymentData>;
export type StartDeployment = Command<'StartDeployment', { readonly deploymentId: string }>;
export type CompleteDeployment = Command<'CompleteDeployment', CompleteDeploymentData>;
export type FailDeployment = Command<'FailDeployment', FailDeploymentData>;
export type RollBackDeployment = Command<'RollBackDeployment', RollBackDeploymentData>;

export type DeploymentCommand =
  RequestDeployment | StartDeployment | CompleteDeployment | FailDeployment | RollBackDeployment;
