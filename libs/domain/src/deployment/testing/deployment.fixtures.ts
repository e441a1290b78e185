import { EARLIER, receivedNow } from '../../shared/testing';
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
  metadata: receivedNow(occurredAt),
});
export const startDeployment = (occurredAt?: Date): StartDeployment => ({
  type: 'StartDeployment',
  data: { deploymentId: DEPLOYMENT_ID },
  metadata: receivedNow(occurredAt),
});
export const completeDeployment = (url?: string): CompleteDeployment => ({
  type: 'CompleteDeployment',
  data: { deploymentId: DEPLOYMENT_ID, ...(url !== undefined && { url }) },
  metadata: receivedNow(),
});
export const failDeployment = (logsUrl?: string): FailDeployment => ({
  type: 'FailDeployment',
  data: {
    deploymentId: DEPLOYMENT_ID,
    error: 'health check failed',
    ...(logsUrl !== undefined && { logsUrl }),
  },
  metadata: receivedNow(),
});
export const rollBackDeployment = (rollbackDeploymentId?: string): RollBackDeployment => ({
  type: 'RollBackDeployment',
  data: {
    deploymentId: DEPLOYMENT_ID,
    reason: 'error rate up',
    ...(rollbackDeploymentId !== undefined && { rollbackDeploymentId }),
  },
  metadata: receivedNow(),
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
