import { Decider, assertNever, checkOccurredAt, invalid, ruleBroken } from '../shared';
import {
  DEPLOYMENT_ENVIRONMENT_PATTERN,
  DeploymentCommand,
  RequestDeploymentData,
} from './deployment.commands';
import {
  DeploymentErrorCode,
  deploymentInvalidTransition,
  deploymentNotFound,
  selfRollback,
} from './deployment.errors';
import { DeploymentEvent, DeploymentRequestedData } from './deployment.events';
import {
  DEPLOYMENT_TRANSITIONS,
  DeploymentState,
  DeploymentStatus,
  ExistingDeployment,
  evolveDeployment,
  initialDeploymentState,
} from './deployment.state';

export function decideDeployment(command: DeploymentCommand, state: DeploymentState): DeploymentEvent[] {
  const { now, occurredAt } = command.metadata;
  checkOccurredAt(occurredAt, now, state.lastOccurredAt);
  const at = occurredAt.toISOString();

  switch (command.type) {
    case 'RequestDeployment':
      return [{ type: 'DeploymentRequested', data: requestDeployment(command.data, state), occurredAt: at }];
    case 'StartDeployment': {
      const { deploymentId } = command.data;
      requireTransition(state, deploymentId, 'in_progress');
      return [{ type: 'DeploymentStarted', data: { deploymentId }, occurredAt: at }];
    }
    case 'CompleteDeployment': {
      const { deploymentId, url } = command.data;
      requireTransition(state, deploymentId, 'completed');
      return [
        {
          type: 'DeploymentCompleted',
          data: { deploymentId, ...(url !== undefined && { url }) },
          occurredAt: at,
        },
      ];
    }
    case 'FailDeployment': {
      const { deploymentId, error, logsUrl } = command.data;
      requireTransition(state, deploymentId, 'failed');
      const data = { deploymentId, error, ...(logsUrl !== undefined && { logsUrl }) };
      return [{ type: 'DeploymentFailed', data, occurredAt: at }];
    }
    case 'RollBackDeployment': {
      const { deploymentId, reason, rollbackDeploymentId } = command.data;
      if (rollbackDeploymentId === deploymentId) throw selfRollback('rollbackDeploymentId', deploymentId);
      requireTransition(state, deploymentId, 'rolled_back');
      const data = {
        deploymentId,
        reason,
        ...(rollbackDeploymentId !== undefined && { rollbackDeploymentId }),
      };
      return [{ type: 'DeploymentRolledBack', data, occurredAt: at }];
    }
    default:
      return assertNever(command);
  }
}

export const deploymentDecider: Decider<DeploymentState, DeploymentCommand, DeploymentEvent> = {
  initialState: initialDeploymentState,
  decide: decideDeployment,
  evolve: evolveDeployment,
};

function requireTransition(
  state: DeploymentState,
  deploymentId: string,
  to: DeploymentStatus,
): asserts state is ExistingDeployment {
  if (state.status === 'nonexistent') throw deploymentNotFound(deploymentId);
  if (!DEPLOYMENT_TRANSITIONS[state.status].includes(to)) {
    throw deploymentInvalidTransition(deploymentId, state.status, to);
  }
}

function requestDeployment(data: RequestDeploymentData, state: DeploymentState): DeploymentRequestedData {
  if (!DEPLOYMENT_ENVIRONMENT_PATTERN.test(data.environment)) {
    throw invalid(
      DeploymentErrorCode.InvalidEnvironment,
      'environment must be preview, staging, production or match [a-z0-9][a-z0-9_.-]*',
      { field: 'environment', expected: DEPLOYMENT_ENVIRONMENT_PATTERN.source, actual: data.environment },
    );
  }
  if (data.type === 'rollback' && data.rollbackOf === undefined) {
    throw invalid(
      DeploymentErrorCode.RollbackOfRequired,
      'A rollback deployment must name the deployment it rolls back',
      {
        field: 'rollbackOf',
      },
    );
  }
  if (data.type !== 'rollback' && data.rollbackOf !== undefined) {
    throw invalid(
      DeploymentErrorCode.RollbackOfNotAllowed,
      'Only a deployment of type rollback may name rollbackOf',
      {
        field: 'rollbackOf',
        type: data.type,
      },
    );
  }
  if (data.rollbackOf === data.deploymentId) throw selfRollback('rollbackOf', data.deploymentId);
  if (state.status !== 'nonexistent') {
    throw ruleBroken(DeploymentErrorCode.AlreadyExists, `Deployment ${data.deploymentId} already exists`, {
      deploymentId: data.deploymentId,
    });
  }
  // Built field by field so that no stray input and no `undefined` reaches the stored event.
  return {
    deploymentId: data.deploymentId,
    service: data.service,
    environment: data.environment,
    type: data.type,
    ...(data.workflowId !== undefined && { workflowId: data.workflowId }),
    ...(data.branch !== undefined && { branch: data.branch }),
    ...(data.commit !== undefined && { commit: data.commit }),
    ...(data.imageTag !== undefined && { imageTag: data.imageTag }),
    // A task listed twice would count twice in lead time for changes.
    taskIds: [...new Set(data.taskIds ?? [])],
    ...(data.triggeredBy !== undefined && { triggeredBy: data.triggeredBy }),
    ...(data.rollbackOf !== undefined && { rollbackOf: data.rollbackOf }),
  };
}
