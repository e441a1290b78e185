import { CommandMetadata } from '../../shared';
import {
  CompleteDeployment,
  FailDeployment,
  RequestDeployment,
  RequestDeploymentData,
  RollBackDeployment,
  StartDeployment,
} from '../deployment.commands';
import {
  DeploymentCompleted,
  DeploymentFailed,
  DeploymentRequested,
  DeploymentRequestedData,
  DeploymentRolledBack,
  DeploymentStarted,
} from '../deployment.events';

/** The server clock of every command; given facts happened an hour earlier unless a test says otherwise. */
export const NOW = new Date('2025-03-01T12:00:00.000Z');
export const NOW_ISO = NOW.toISOString();
export const EARLIER = '2025-03-01T11:00:00.000Z';
const at = (occurredAt: Date = NOW): CommandMetadata => ({ now: NOW, occurredAt });

export const DEPLOYMENT_ID = 'dep-100';

const requestData: RequestDeploymentData = {
  deploymentId: DEPLOYMENT_ID,
  service: 'annals-api',
  environment: 'production',
  type: 'automatic',
};

export const requestDeployment = (
  data: Partial<RequestDeploymentData> = {},
  occurredAt?: Date,
): RequestDeployment => ({
  type: 'RequestDeployment',
  data: { ...requestData, ...data },
  metadata: at(occurredAt),
});
export const startDeployment = (occurredAt?: Date): StartDeployment => ({
  type: 'StartDeployment',
  data: { deploymentId: DEPLOYMENT_ID },
  metadata: at(occurredAt),
});
export const completeDeployment = (url?: string): CompleteDeployment => ({
  type: 'CompleteDeployment',
  data: { deploymentId: DEPLOYMENT_ID, ...(url !== undefined && { url }) },
  metadata: at(),
});
export const failDeployment = (logsUrl?: string): FailDeployment => ({
  type: 'FailDeployment',
  data: {
    deploymentId: DEPLOYMENT_ID,
    error: 'health check failed',
    ...(logsUrl !== undefined && { logsUrl }),
  },
  metadata: at(),
});
export const rollBackDeployment = (rollbackDeploymentId?: string): RollBackDeployment => ({
  type: 'RollBackDeployment',
  data: {
    deploymentId: DEPLOYMENT_ID,
    reason: 'error rate up',
    ...(rollbackDeploymentId !== undefined && { rollbackDeploymentId }),
  },
  metadata: at(),
});

export const deploymentRequested = (
  data: Partial<DeploymentRequestedData> = {},
  occurredAt = EARLIER,
): DeploymentRequested => ({
  type: 'DeploymentRequested',
  data: { ...requestData, taskIds: [], ...data },
  occurredAt,
});
export const deploymentStarted = (occurredAt = EARLIER): DeploymentStarted => ({
  type: 'DeploymentStarted',
  data: { deploymentId: DEPLOYMENT_ID },
  occurredAt,
});
export const deploymentCompleted = (occurredAt = EARLIER, url?: string): DeploymentCompleted => ({
  type: 'DeploymentCompleted',
  data: { deploymentId: DEPLOYMENT_ID, ...(url !== undefined && { url }) },
  occurredAt,
});
export const deploymentFailed = (occurredAt = EARLIER, logsUrl?: string): DeploymentFailed => ({
  type: 'DeploymentFailed',
  data: {
    deploymentId: DEPLOYMENT_ID,
    error: 'health check failed',
    ...(logsUrl !== undefined && { logsUrl }),
  },
  occurredAt,
});
export const deploymentRolledBack = (
  occurredAt = EARLIER,
  rollbackDeploymentId?: string,
): DeploymentRolledBack => ({
  type: 'DeploymentRolledBack',
  data: {
    deploymentId: DEPLOYMENT_ID,
    reason: 'error rate up',
    ...(rollbackDeploymentId !== undefined && { rollbackDeploymentId }),
  },
  occurredAt,
});
